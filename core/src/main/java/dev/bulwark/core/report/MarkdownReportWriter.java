package dev.bulwark.core.report;

import dev.bulwark.core.errors.Diagnostic;
import dev.bulwark.core.model.CodeFlow;
import dev.bulwark.core.model.Finding;
import dev.bulwark.core.model.Severity;
import dev.bulwark.core.terminal.TerminalText;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** A Markdown report for pull-request comments, tickets and wikis. */
public final class MarkdownReportWriter implements ReportWriter {

  @Override
  public void write(ScanReport report, OutputStream out) throws IOException {
    Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    w.write(render(report));
    w.flush();
  }

  public static String render(ScanReport report) {
    StringBuilder md = new StringBuilder();
    ScanSummary s = report.scan();
    md.append("# Bulwark scan report\n\n");
    md.append("Scanned `")
        .append(code(s.baseDir()))
        .append("`: ")
        .append(Text.plural(s.filesScanned(), "file"))
        .append(" (")
        .append(Text.bytes(s.bytesScanned()))
        .append(") in ")
        .append(Text.duration(s.duration()))
        .append(" with ")
        .append(report.tool().name())
        .append(' ')
        .append(report.tool().version())
        .append(".\n\n");
    md.append("| Severity | Findings |\n|---|---:|\n");
    for (Map.Entry<Severity, Integer> e : report.countsBySeverity().entrySet()) {
      md.append("| ").append(e.getKey().label()).append(" | ").append(e.getValue()).append(" |\n");
    }
    md.append("| **total** | **").append(report.findings().size()).append("** |\n\n");
    if (s.baselineApplied()) {
      md.append("Baseline applied: ")
          .append(Text.plural(s.baselineMatched(), "known finding"))
          .append(" not shown.\n\n");
    }

    md.append("## Findings\n\n");
    if (report.findings().isEmpty()) {
      md.append("No findings.\n\n");
    }
    int i = 1;
    for (Finding f : report.findings()) {
      md.append("### ")
          .append(i++)
          .append(". ")
          .append(f.severity().label().toUpperCase(java.util.Locale.ROOT))
          .append(" — ")
          .append(escape(f.title()))
          .append(" (`")
          .append(f.ruleId())
          .append("`)\n\n");
      md.append("- **Where:** `").append(code(f.primaryLocation().display())).append("`\n");
      md.append("- **Confidence:** ").append(f.confidence().label()).append('\n');
      if (!f.taxa().isEmpty()) {
        md.append("- **References:** ").append(Text.taxa(f)).append('\n');
      }
      md.append("- **Fingerprint:** `").append(f.fingerprint()).append("`\n\n");
      md.append(escape(f.message())).append("\n\n");
      String snippet = Text.snippet(f.primaryLocation());
      if (snippet != null && !snippet.isBlank()) {
        md.append(fence(snippet, "")).append('\n');
      }
      for (CodeFlow cf : f.codeFlows()) {
        md.append("**Data flow**").append(cf.message() == null ? "" : ": " + escape(cf.message()));
        md.append("\n\n");
        int n = 1;
        for (CodeFlow.Step step : cf.steps()) {
          md.append(n++)
              .append(". *")
              .append(Text.stepLabel(step.kind()))
              .append("* `")
              .append(code(step.location().display()))
              .append('`');
          if (step.message() != null) {
            md.append(" — ").append(escape(step.message()));
          }
          md.append('\n');
        }
        md.append('\n');
      }
      if (f.remediation() != null) {
        md.append("**Remediation:** ").append(escape(f.remediation())).append("\n\n");
      }
      f.fix()
          .ifPresent(fix -> {
            md.append("**Fix** (")
                .append(fix.status().name().toLowerCase(java.util.Locale.ROOT))
                .append("): ")
                .append(escape(fix.description()))
                .append("\n\n");
            if (fix.unifiedDiff() != null) {
              md.append(fence(fix.unifiedDiff(), "diff")).append('\n');
            }
          });
    }

    if (!report.suppressed().isEmpty()) {
      md.append("## Suppressed (").append(report.suppressed().size()).append(")\n\n");
      md.append("| Rule | Where | Kind | Reason |\n|---|---|---|---|\n");
      for (SuppressedFinding sf : report.suppressed()) {
        md.append("| `")
            .append(sf.finding().ruleId())
            .append("` | `")
            .append(code(sf.finding().primaryLocation().display()))
            .append("` | ")
            .append(sf.kind().name().toLowerCase(java.util.Locale.ROOT))
            .append(" | ")
            .append(cell(sf.justification()))
            .append(" |\n");
      }
      md.append('\n');
    }
    if (!report.diagnostics().isEmpty()) {
      md.append("## Diagnostics (").append(report.diagnostics().size()).append(")\n\n");
      for (Diagnostic d : report.diagnostics()) {
        md.append("- **")
            .append(d.level().name().toLowerCase(java.util.Locale.ROOT))
            .append("** ")
            .append(d.path() == null ? "" : "`" + code(d.path()) + "`: ")
            .append(escape(d.message()))
            .append(" _(")
            .append(d.source())
            .append(")_\n");
      }
      md.append('\n');
    }
    return md.toString();
  }

  private static String fence(String body, String lang) {
    String fence = "```";
    while (body.contains(fence)) {
      fence += "`";
    }
    String safe = TerminalText.block(body);
    return fence + lang + "\n" + safe + (safe.endsWith("\n") ? "" : "\n") + fence + "\n";
  }

  /** Prose from inputs: markup neutralised, and control characters shown, not acted on. */
  private static String escape(String text) {
    return TerminalText.block(text).replace("<", "&lt;").replace(">", "&gt;");
  }

  /** A path or location, shown inside backticks on one line. */
  private static String code(String text) {
    return TerminalText.line(text).replace("`", "'");
  }

  private static String cell(String text) {
    return escape(text).replace("|", "\\|").replace("\n", " ");
  }
}
