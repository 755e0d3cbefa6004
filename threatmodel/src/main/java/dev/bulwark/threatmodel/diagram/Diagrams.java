package dev.bulwark.threatmodel.diagram;

import dev.bulwark.threatmodel.model.ThreatModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Renders a model's data-flow diagram to SVG: Graphviz's dot when it is installed, else {@link
 * Layered}.
 */
public final class Diagrams {
  private static final long TIMEOUT_SECONDS = 60;

  private Diagrams() {}

  /** The rendered SVG and which renderer made it. */
  public record Svg(String text, String renderer) {}

  public static Svg render(ThreatModel model) throws IOException {
    java.util.Optional<Path> dot = findDot();
    if (dot.isPresent()) {
      return new Svg(runDot(dot.get(), Dot.of(model)), "graphviz");
    }
    return new Svg(Layered.svg(model), "built-in");
  }

  public static java.util.Optional<Path> findDot() {
    String path = System.getenv("PATH");
    if (path == null) {
      return java.util.Optional.empty();
    }
    for (String dir : path.split(java.io.File.pathSeparator)) {
      Path p = Path.of(dir, "dot");
      if (Files.isExecutable(p)) {
        return java.util.Optional.of(p);
      }
    }
    return java.util.Optional.empty();
  }

  static String runDot(Path dot, String source) throws IOException {
    Process p = new ProcessBuilder(dot.toString(), "-Tsvg").redirectErrorStream(false).start();
    try {
      p.getOutputStream().write(source.getBytes(StandardCharsets.UTF_8));
      p.getOutputStream().close();
      byte[] out = p.getInputStream().readAllBytes();
      String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException("dot did not finish in " + TIMEOUT_SECONDS + " s");
      }
      if (p.exitValue() != 0) {
        throw new IOException("dot failed (status " + p.exitValue() + "): " + err.strip());
      }
      return new String(out, StandardCharsets.UTF_8);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
      throw new IOException("interrupted while dot ran", e);
    }
  }
}
