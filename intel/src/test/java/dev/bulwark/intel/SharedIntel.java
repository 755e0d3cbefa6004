package dev.bulwark.intel;

import dev.bulwark.core.errors.InputException;
import dev.bulwark.core.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One store per test run fed with the real data sets of {@code ../shared/data} (ATT&CK Enterprise,
 * ICS and Mobile, the MISP galaxy clusters, CISA KEV): importing ATT&CK Enterprise takes seconds,
 * so the tests that read a full store share it.
 */
final class SharedIntel {
  private static Path dataDir;
  private static IntelService.Imported imported;
  static final List<String> PROBLEMS = new ArrayList<>();

  private SharedIntel() {}

  /** The data directory of the shared store, or empty when the data sets are absent. */
  static synchronized Optional<Path> store() throws IOException, InputException {
    if (dataDir != null) {
      return Optional.of(dataDir);
    }
    Optional<Path> attack = SharedData.dir("attack");
    Optional<Path> misp = SharedData.dir("threatintel");
    Optional<Path> kev = SharedData.dir("kev");
    if (attack.isEmpty() || misp.isEmpty() || kev.isEmpty()) {
      return Optional.empty();
    }
    Path dir = Files.createTempDirectory("bulwark-intel-shared");
    imported =
        new IntelService(dir)
            .importPaths(
                List.of(
                    attack.get().resolve("enterprise-attack-18.1.stix20.json"),
                    attack.get().resolve("ics-attack-18.1.json"),
                    attack.get().resolve("mobile-attack-17.1.json"),
                    misp.get().resolve("misp-galaxy/clusters"),
                    kev.get().resolve("known_exploited_vulnerabilities.json")),
                PROBLEMS::add);
    dataDir = dir;
    return Optional.of(dataDir);
  }

  static IntelService.Imported imported() {
    return imported;
  }

  static String skip() {
    return SharedData.skipMessage("attack, threatintel and kev");
  }
}
