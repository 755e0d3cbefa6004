package dev.bulwark.port;

import dev.bulwark.core.html.HtmlTemplates;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** PORT.md and PORT.html: per function the hazards, the pass, the rules and the evidence. */
public final class PortReport {
  private PortReport() {}

  public static void write(PortResult r, Path dir) throws IOException {
    Files.writeString(dir.resolve("PORT.md"), markdown(r), StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("PORT.html"), html(r), StandardCharsets.UTF_8);
  }

  public static String markdown(PortResult r) {
    StringBuilder b = new StringBuilder();
    PortResult.CrateGates g = r.gates();
    b.append("# Port of ").append(r.crateName()).append(" to safe Rust\n\n");
    b.append("Functions accepted: ")
        .append(r.accepted())
        .append(" of ")
        .append(r.functions().size())
        .append("  \n");
    b.append("Crate: build ")
        .append(mark(g.built()))
        .append(", no unsafe ")
        .append(mark(g.safe()))
        .append(", Clippy (-D warnings) ")
        .append(mark(g.clippy()));
    if (g.testsRan()) {
      b.append(", tests ")
          .append(g.testsPassed())
          .append(" passed / ")
          .append(g.testsFailed())
          .append(" failed");
    }
    b.append("  \nTask solved: ").append(g.solved() ? "yes" : "no").append("  \n");
    if (!g.missingFromInterface().isEmpty()) {
      b.append("Interface functions still unimplemented: ")
          .append(String.join(", ", g.missingFromInterface()))
          .append("  \n");
    }
    if (r.proposals() > 0) {
      b.append("Model proposals: ")
          .append(r.proposals())
          .append(" (")
          .append(r.promptTokens())
          .append(" prompt + ")
          .append(r.completionTokens())
          .append(" completion tokens)  \n");
    }
    b.append("Wall time: ")
        .append(String.format(Locale.ROOT, "%.1f s", r.wallTime().toMillis() / 1000.0))
        .append("\n\n");
    b.append(
        "| function | hazards | status | pass | repairs | rules | evidence |\n|---|---|---|---|---|---|---|\n");
    for (FunctionResult f : r.functions()) {
      b.append("| `")
          .append(f.name())
          .append("` | ")
          .append(
              f.hazards().isEmpty()
                  ? "—"
                  : String.join(
                      ", ",
                      f.hazards().stream()
                          .sorted()
                          .map(h -> h.label() + (f.accepted() ? " (removed)" : ""))
                          .toList()))
          .append(" | ")
          .append(f.accepted() ? "accepted" : "unported")
          .append(" | ")
          .append(f.pass() == null ? "—" : f.pass())
          .append(" | ")
          .append(f.accepted() ? String.valueOf(f.repairs()) : "—")
          .append(" | ")
          .append(f.rules().isEmpty() ? "—" : cell(String.join("; ", f.rules())))
          .append(" | ")
          .append(
              cell(
                  f.accepted()
                      ? "build ✓, no unsafe ✓, clippy ✓; " + f.evidence().differential()
                      : f.reason()))
          .append(" |\n");
    }
    if (!r.types().isEmpty()) {
      b.append("\nTypes: ").append(String.join(", ", r.types())).append("\n");
    }
    return b.toString();
  }

  private static String mark(boolean ok) {
    return ok ? "✓" : "✗";
  }

  private static String cell(String s) {
    return s.replace("|", "\\|").replace("\n", " ");
  }

  private static final HtmlTemplates TEMPLATES =
      HtmlTemplates.of(PortReport.class, "dev.bulwark.port");

  /** The report as a page ({@code port/src/main/jte/port.jte}); every value escaped. */
  public static String html(PortResult r) {
    return TEMPLATES.render("port.jte", r);
  }

  static List<String> lines(String s) {
    return s.lines().toList();
  }
}
