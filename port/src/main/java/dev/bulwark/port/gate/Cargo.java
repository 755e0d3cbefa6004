package dev.bulwark.port.gate;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** cargo build / clippy / test, offline, with diagnostics read back by file and line. */
public final class Cargo {
  /** Clippy's deny list: every warning fails, as the gate requires. */
  public static final List<String> CLIPPY_DENY = List.of("-D", "warnings");

  private static final Pattern SHORT =
      Pattern.compile("^(\\S+?):(\\d+):(\\d+): (error|warning)(\\[[^]]+])?: (.*)$");

  /** One compiler or Clippy message. */
  public record Diagnostic(String file, int line, String level, String message) {}

  public record Outcome(boolean ok, List<Diagnostic> diagnostics, String log, long millis) {}

  private final String cargo;
  private final long timeoutSeconds;

  public Cargo(String cargo, long timeoutSeconds) {
    this.cargo = cargo;
    this.timeoutSeconds = timeoutSeconds;
  }

  public static Cargo fromEnvironment() {
    String c = System.getenv("BULWARK_CARGO");
    return new Cargo(c == null || c.isBlank() ? "cargo" : c, 600);
  }

  public static boolean available() {
    return Exec.available(fromEnvironment().cargo, "--version");
  }

  public static boolean clippyAvailable() {
    return Exec.available(fromEnvironment().cargo, "clippy", "--version");
  }

  private Map<String, String> env() {
    return Map.of(
        "CARGO_NET_OFFLINE",
        "true",
        "CARGO_TERM_COLOR",
        "never",
        "RUSTFLAGS",
        "",
        "RUST_BACKTRACE",
        "0");
  }

  public Outcome build(Path crate) throws IOException, InterruptedException {
    return diagnose(
        List.of(cargo, "build", "--offline", "--quiet", "--message-format", "short"), crate);
  }

  public Outcome clippy(Path crate) throws IOException, InterruptedException {
    List<String> cmd =
        new ArrayList<>(
            List.of(cargo, "clippy", "--offline", "--quiet", "--message-format", "short", "--"));
    cmd.addAll(CLIPPY_DENY);
    return diagnose(cmd, crate);
  }

  /** cargo test: passed and failed test counts summed over every test binary. */
  public record TestRun(boolean ok, int passed, int failed, String log, long millis) {}

  private static final Pattern RESULT =
      Pattern.compile("test result: \\w+\\. (\\d+) passed; (\\d+) failed");

  public TestRun test(Path crate) throws IOException, InterruptedException {
    Exec.Result r =
        Exec.run(
            List.of(cargo, "test", "--offline", "--quiet"), crate, env(), null, timeoutSeconds);
    int passed = 0;
    int failed = 0;
    Matcher m = RESULT.matcher(r.out());
    while (m.find()) {
      passed += Integer.parseInt(m.group(1));
      failed += Integer.parseInt(m.group(2));
    }
    String log = tail(r.out() + "\n" + r.err(), 8000);
    return new TestRun(r.ok() && failed == 0, passed, failed, log, r.millis());
  }

  private Outcome diagnose(List<String> cmd, Path crate) throws IOException, InterruptedException {
    Exec.Result r = Exec.run(cmd, crate, env(), null, timeoutSeconds);
    List<Diagnostic> ds = new ArrayList<>();
    for (String l : r.err().split("\n")) {
      Matcher m = SHORT.matcher(l.strip());
      if (m.matches()) {
        ds.add(
            new Diagnostic(
                m.group(1),
                Integer.parseInt(m.group(2)),
                m.group(4),
                (m.group(5) == null ? "" : m.group(5) + " ") + m.group(6)));
      }
    }
    return new Outcome(r.ok(), ds, tail(r.err(), 8000), r.millis());
  }

  static String tail(String s, int max) {
    return s.length() <= max ? s : "…" + s.substring(s.length() - max);
  }
}
