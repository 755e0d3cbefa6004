package dev.bulwark.cli.usecase;

import dev.bulwark.ai.llm.LlmClient;
import dev.bulwark.core.errors.InputException;
import dev.bulwark.core.model.Finding;
import dev.bulwark.port.PortEngine;
import dev.bulwark.port.PortFindings;
import dev.bulwark.port.PortResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * C to safe Rust: ports a C project into a crate, function by function, through the build, safety,
 * Clippy and differential gates, and turns what is left into findings. This builds and runs code
 * made from the user's own sources (the C with gcc, the Rust with cargo), in temporary directories
 * with time limits, and only on this explicit command.
 */
public final class PortService {

  /**
   * What to port: the C sources, where the crate goes, and the optional interface, Rust tests, C
   * test programs and model.
   */
  public record Request(
      Path source,
      Path out,
      Optional<Path> iface,
      Optional<Path> tests,
      Optional<Path> cTests,
      Optional<LlmClient> model,
      int repairs) {}

  /** The port's result with its unported functions as findings. */
  public record Ported(PortResult result, List<Finding> findings) {}

  public Ported port(Request r) throws InputException, IOException, InterruptedException {
    if (!Files.isDirectory(r.source())) {
      throw new InputException(r.source() + ": not a directory of C sources");
    }
    for (Optional<Path> p : List.of(r.iface(), r.tests(), r.cTests())) {
      if (p.isPresent() && !Files.isDirectory(p.get())) {
        throw new InputException(p.get() + ": not a directory");
      }
    }
    PortEngine.Options o =
        new PortEngine.Options(
            r.source(), r.out(), r.iface(), r.tests(), r.cTests(), r.model(), r.repairs(), 42, 200);
    PortResult result = new PortEngine(o).run();
    return new Ported(result, PortFindings.of(result));
  }
}
