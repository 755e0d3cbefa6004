package dev.bulwark.cli.usecase;

import dev.bulwark.core.errors.InputException;
import dev.bulwark.deception.Honeypot;
import dev.bulwark.deception.config.HoneypotConfig;
import dev.bulwark.deception.profile.ProfileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Honeypots: builds the configuration (file, then command-line overrides) and starts the decoys.
 * The caller owns the returned {@link Honeypot} and closes it to stop them.
 */
public final class HoneypotService {
  /** Overrides from the command line; null leaves the configured value. */
  public record Overrides(
      Path data, String bind, Integer sshPort, Integer telnetPort, Integer httpPort, Path events) {}

  private HoneypotService() {}

  public static HoneypotConfig config(Path file, Overrides o) throws InputException {
    Path data = o.data() != null ? o.data() : Path.of(".bulwark", "honeypot");
    HoneypotConfig c;
    if (file == null) {
      c = HoneypotConfig.defaults(data);
    } else {
      if (!Files.isRegularFile(file)) {
        throw new InputException(file + ": no such configuration file");
      }
      try {
        c = HoneypotConfig.read(file, data);
      } catch (IOException e) {
        throw new InputException(file + ": " + e.getMessage());
      } catch (ProfileException e) {
        throw new InputException(e.getMessage());
      }
    }
    c = c.withPorts(o.sshPort(), o.telnetPort(), o.httpPort());
    if (o.bind() != null) {
      c = c.withBind(o.bind());
    }
    if (o.events() != null) {
      c = c.withEvents(o.events());
    }
    return c;
  }

  public static Honeypot start(HoneypotConfig config) throws InputException, IOException {
    try {
      return Honeypot.start(config);
    } catch (ProfileException e) {
      throw new InputException(e.getMessage());
    }
  }
}
