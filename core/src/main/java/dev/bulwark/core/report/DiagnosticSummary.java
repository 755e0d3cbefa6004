package dev.bulwark.core.report;

import dev.bulwark.core.errors.Diagnostic;
import dev.bulwark.core.terminal.TerminalText;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * What a person reading a terminal learns about diagnostics: how many of each level, and the text
 * of the first five, worst first, then how many more. A diagnostic is something Bulwark could not
 * do — a file it could not read, a rule it could not load — so it is never hidden behind a count.
 */
public final class DiagnosticSummary {
  /** How many diagnostics are shown in full. */
  public static final int SHOWN = 5;

  private DiagnosticSummary() {}

  /** Plain text, for commands that print their own summaries; empty when there is nothing. */
  public static String render(Collection<Diagnostic> diagnostics) {
    return render(diagnostics, (level, text) -> text);
  }

  /**
   * The summary with {@code style} applied to each level's label ({@code style.apply(level,
   * "error")}) and to the header and trailer ({@code style.apply(null, text)}).
   */
  public static String render(
      Collection<Diagnostic> diagnostics, BiFunction<Diagnostic.Level, String, String> style) {
    if (diagnostics.isEmpty()) {
      return "";
    }
    Map<Diagnostic.Level, Integer> counts = new EnumMap<>(Diagnostic.Level.class);
    diagnostics.forEach(d -> counts.merge(d.level(), 1, Integer::sum));
    List<String> parts = new ArrayList<>();
    counts.forEach((level, n) -> parts.add(Text.plural(n, label(level))));
    StringBuilder sb = new StringBuilder();
    sb.append(
            style.apply(
                null,
                Text.plural(diagnostics.size(), "diagnostic") + ": " + String.join(", ", parts)))
        .append('\n');
    List<Diagnostic> sorted = new ArrayList<>(diagnostics);
    sorted.sort(Comparator.comparing(Diagnostic::level));
    for (Diagnostic d : sorted.subList(0, Math.min(SHOWN, sorted.size()))) {
      String label = label(d.level());
      sb.append("  ")
          .append(style.apply(d.level(), label))
          .append(" ".repeat(8 - label.length()))
          .append(TerminalText.line(d.display()))
          .append('\n');
    }
    if (sorted.size() > SHOWN) {
      sb.append(
              style.apply(
                  null,
                  "  … and "
                      + (sorted.size() - SHOWN)
                      + " more (every diagnostic is in the JSON, SARIF, Markdown and HTML"
                      + " reports)"))
          .append('\n');
    }
    return sb.toString();
  }

  private static String label(Diagnostic.Level level) {
    return level.name().toLowerCase(Locale.ROOT);
  }
}
