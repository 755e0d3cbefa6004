package dev.bulwark.port;

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

  public static String html(PortResult r) {
    StringBuilder b =
        new StringBuilder("<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>Port of ")
            .append(esc(r.crateName()))
            .append(
                "</title>\n<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}"
                    + "td,th{border:1px solid #ccc;padding:4px 8px;vertical-align:top}.ok{color:#060}.no{color:#a00}</style></head><body>\n");
    b.append("<h1>Port of ")
        .append(esc(r.crateName()))
        .append(" to safe Rust</h1>\n<p>Functions accepted: ")
        .append(r.accepted())
        .append(" of ")
        .append(r.functions().size())
        .append(". Task solved: ")
        .append(r.gates().solved() ? "<span class=ok>yes</span>" : "<span class=no>no</span>")
        .append(".</p>\n");
    b.append(
        "<table><tr><th>function</th><th>hazards</th><th>status</th><th>pass</th><th>repairs</th><th>evidence</th></tr>\n");
    for (FunctionResult f : r.functions()) {
      b.append("<tr><td><code>")
          .append(esc(f.name()))
          .append("</code></td><td>")
          .append(
              esc(String.join(", ", f.hazards().stream().sorted().map(h -> h.label()).toList())))
          .append("</td><td class=")
          .append(f.accepted() ? "ok>accepted" : "no>unported")
          .append("</td><td>")
          .append(f.pass() == null ? "" : esc(f.pass()))
          .append("</td><td>")
          .append(f.accepted() ? f.repairs() : "")
          .append("</td><td>")
          .append(esc(f.accepted() ? f.evidence().differential() : f.reason()))
          .append("</td></tr>\n");
    }
    return b.append("</table>\n</body></html>\n").toString();
  }

  private static String esc(String s) {
    return s == null
        ? ""
        : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  static List<String> lines(String s) {
    return s.lines().toList();
  }
}
