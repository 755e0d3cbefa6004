package dev.bulwark.core.report;

import dev.bulwark.core.model.CodeFlow;
import dev.bulwark.core.model.Finding;
import dev.bulwark.core.model.Severity;
import dev.bulwark.core.terminal.TerminalText;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The summary printed on a terminal: one block per finding, worst first, then the totals. */
public final class TerminalReportWriter implements ReportWriter {
  private static final String RESET = "\u001b[0m";
  private static final String BOLD = "\u001b[1m";
  private static final String DIM = "\u001b[2m";

  private final RenderOptions options;

  public TerminalReportWriter(RenderOptions options) {
    this.options = options;
  }

  @Override
  public void write(ScanReport report, OutputStream out) throws IOException {
    Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    w.write(render(report));
    w.flush();
  }

  public String render(ScanReport report) {
    StringBuilder sb = new StringBuilder();
    ScanSummary s = report.scan();
    sb.append(style(BOLD, report.tool().name() + " " + report.tool().version()))
        .append(style(DIM, " · scanned "))
        .append(Text.plural(s.filesScanned(), "file"))
        .append(style(DIM, " (" + Text.bytes(s.bytesScanned()) + ") in "))
        .append(Text.duration(s.duration()))
        .append("\n\n");
    for (Finding f : report.findings()) {
      String sev =
          String.format(Locale.ROOT, "%-8s", f.severity().label().toUpperCase(Locale.ROOT));
      sb.append(' ')
          .append(style(color(f.severity()) + BOLD, sev))
          .append(' ')
          .append(style(BOLD, safe(f.title())))
          .append(style(DIM, "  [" + safe(f.ruleId()) + "]"))
          .append('\n');
      String indent = "          ";
      sb.append(indent).append(safe(f.primaryLocation().display())).append('\n');
      sb.append(indent).append(safe(f.message())).append('\n');
      String snippet = Text.snippet(f.primaryLocation());
      if (snippet != null && !snippet.isBlank()) {
        for (String line : snippet.strip().lines().limit(4).toList()) {
          sb.append(indent)
              .append(style(DIM, "│ " + clip(safe(line), options.width() - 12)))
              .append('\n');
        }
      }
      for (CodeFlow cf : f.codeFlows()) {
        int n = 1;
        for (CodeFlow.Step step : cf.steps()) {
          sb.append(indent)
              .append(
                  style(
                      DIM,
                      n++ + ". " + String.format(Locale.ROOT, "%-9s", Text.stepLabel(step.kind()))))
              .append(safe(step.location().display()));
          if (step.message() != null) {
            sb.append(style(DIM, "  " + clip(safe(step.message()), options.width() / 2)));
          }
          sb.append('\n');
        }
      }
      if (f.fix().isPresent()) {
        sb.append(indent)
            .append(
                style(
                    DIM, "fix (" + f.fix().get().status().name().toLowerCase(Locale.ROOT) + "): "))
            .append(safe(f.fix().get().description()))
            .append('\n');
      }
      sb.append('\n');
    }
    Map<Severity, Integer> counts = report.countsBySeverity();
    List<String> parts = new ArrayList<>();
    for (Map.Entry<Severity, Integer> e : counts.entrySet()) {
      if (e.getValue() > 0) {
        parts.add(style(color(e.getKey()), e.getValue() + " " + e.getKey().label()));
      }
    }
    int total = report.findings().size();
    sb.append(style(BOLD, total == 0 ? "No findings" : Text.plural(total, "finding")));
    if (!parts.isEmpty()) {
      sb.append(": ").append(String.join(", ", parts));
    }
    if (!report.suppressed().isEmpty()) {
      sb.append(style(DIM, " · " + report.suppressed().size() + " suppressed"));
    }
    if (s.baselineApplied()) {
      sb.append(style(DIM, " · " + s.baselineMatched() + " in baseline"));
    }
    sb.append('\n');
    sb.append(
        DiagnosticSummary.render(
            report.diagnostics(),
            (level, text) ->
                level == null
                    ? style(DIM, text)
                    : switch (level) {
                      case ERROR -> style("\u001b[31m", text);
                      case WARNING -> style("\u001b[33m", text);
                      case NOTE -> style(DIM, text);
                    }));
    return sb.toString();
  }

  /** Text from the analysed inputs, with every control character shown instead of acting. */
  private static String safe(String s) {
    return TerminalText.line(s);
  }

  private String style(String code, String text) {
    return options.color() ? code + text + RESET : text;
  }

  private static String color(Severity s) {
    return switch (s) {
      case CRITICAL -> "\u001b[35m";
      case HIGH -> "\u001b[31m";
      case MEDIUM -> "\u001b[33m";
      case LOW -> "\u001b[36m";
      case INFO -> "\u001b[37m";
    };
  }

  private static String clip(String line, int max) {
    int m = Math.max(20, max);
    return line.length() <= m ? line : line.substring(0, m - 1) + "…";
  }
}
