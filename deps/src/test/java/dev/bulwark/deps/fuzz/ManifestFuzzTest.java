package dev.bulwark.deps.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bulwark.core.errors.InputException;
import dev.bulwark.core.files.SourceTree;
import dev.bulwark.core.files.WalkOptions;
import dev.bulwark.deps.inventory.Inventory;
import dev.bulwark.deps.osv.OsvReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Fuzz targets for the dependency readers: any bytes under any manifest name end in components or
 * diagnostics, through the same path a scan takes (the inventory's dispatch, its budgets and its
 * per-file error handling); an OSV advisory is read or refused with an input error. The corpus is
 * in {@code ManifestFuzzTestInputs/}.
 */
class ManifestFuzzTest {
  private static final List<String> NAMES =
      List.of(
          "package-lock.json",
          "yarn.lock",
          "pnpm-lock.yaml",
          "pom.xml",
          "gradle.lockfile",
          "go.mod",
          "go.sum",
          "requirements.txt",
          "Pipfile.lock",
          "poetry.lock",
          "Cargo.lock",
          "composer.lock",
          "Gemfile.lock",
          "bom.xml",
          "bom.json",
          "app.spdx.json",
          "lib.jar");

  @FuzzTest(maxDuration = "30s")
  void manifests_endInComponentsOrDiagnostics(byte[] input) throws IOException, InputException {
    Path dir = Files.createTempDirectory("bulwark-fuzz-");
    try {
      for (String name : NAMES) {
        Files.write(dir.resolve(name), input);
      }
      SourceTree tree = SourceTree.walk(List.of(dir), WalkOptions.defaults(), d -> {});
      Inventory.standard().read(tree, d -> {});
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  @FuzzTest(maxDuration = "30s")
  void osvAdvisories_areReadOrRefused(byte[] input) {
    for (String name : new String[] {"GHSA-fuzz.json", "GHSA-fuzz.yaml"}) {
      try {
        OsvReader.read(name, input);
      } catch (InputException refused) {
        // reported as a skipped advisory
      }
    }
  }
}
