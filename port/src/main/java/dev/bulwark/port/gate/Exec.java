package dev.bulwark.port.gate;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs one tool (gcc, cargo, a built harness) in a directory with a time limit, feeding it stdin
 * and keeping a bounded amount of its output. Port is the one place Bulwark starts programs built
 * from a project's code, and only on an explicit command.
 */
public final class Exec {
  static final int MAX_OUTPUT = 4 << 20;

  /** Exit code (-1 on timeout), stdout and stderr. */
  public record Result(int exit, String out, String err, long millis) {
    public boolean ok() {
      return exit == 0;
    }
  }

  private Exec() {}

  public static Result run(
      List<String> cmd, Path dir, Map<String, String> env, String stdin, long timeoutSeconds)
      throws IOException, InterruptedException {
    long t0 = System.nanoTime();
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
    pb.environment().putAll(env);
    Process p = pb.start();
    CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> drain(p.getInputStream()));
    CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> drain(p.getErrorStream()));
    try (var in = p.getOutputStream()) {
      if (stdin != null) {
        in.write(stdin.getBytes(StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      // the program may exit before reading all of its input; its output says what happened
    }
    boolean done = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
    if (!done) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      p.waitFor(5, TimeUnit.SECONDS);
    }
    long ms = (System.nanoTime() - t0) / 1_000_000;
    return new Result(done ? p.exitValue() : -1, out.join(), err.join(), ms);
  }

  private static String drain(InputStream in) {
    try (in) {
      byte[] b = in.readNBytes(MAX_OUTPUT);
      in.transferTo(OutputStreamDiscard.INSTANCE);
      return new String(b, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  private static final class OutputStreamDiscard extends java.io.OutputStream {
    static final OutputStreamDiscard INSTANCE = new OutputStreamDiscard();

    @Override
    public void write(int b) {}

    @Override
    public void write(byte[] b, int off, int len) {}
  }

  /** Whether a command is on PATH, for tests that skip without a toolchain. */
  public static boolean available(String... cmd) {
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
