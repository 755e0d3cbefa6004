package dev.bulwark.core.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bulwark.core.config.ConfigLoader;
import dev.bulwark.core.errors.InputException;
import dev.bulwark.core.files.ArchiveLimits;
import dev.bulwark.core.files.ArchiveReader;
import dev.bulwark.core.files.IgnoreFile;
import dev.bulwark.core.files.Roots;
import dev.bulwark.core.maven.LocalRepository;
import dev.bulwark.core.maven.PomReader;
import dev.bulwark.core.suppress.Baseline;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * Fuzz targets for the readers in core that take files from the scanned tree or the user: POMs,
 * archives, bulwark.yaml, baselines and ignore files. Each either reads its input or refuses it the
 * documented way (an IOException or an input error naming the file); nothing else escapes, and
 * every bound holds. The corpus is in {@code CoreParsersFuzzTestInputs/}.
 */
class CoreParsersFuzzTest {

  @FuzzTest(maxDuration = "30s")
  void poms_areReadOrRefused(byte[] input) throws IOException {
    Path dir = Files.createTempDirectory("bulwark-fuzz-");
    Path pom = Files.write(dir.resolve("pom.xml"), input);
    try {
      new PomReader(new LocalRepository(dir.resolve("m2")), Roots.of(dir), "fuzz", d -> {})
          .read(pom, input, "pom.xml");
    } catch (IOException refused) {
      // a malformed POM: reported by the caller with its line and column
    } finally {
      Files.delete(pom);
      Files.delete(dir);
    }
  }

  @FuzzTest(maxDuration = "30s")
  void archives_areReadWithinTheirLimits(byte[] input) {
    try {
      new ArchiveReader(ArchiveLimits.defaults(), d -> {}, "fuzz")
          .read("fuzz.zip", new ByteArrayInputStream(input), (name, in, size) -> in.readAllBytes());
    } catch (IOException refused) {
      // a damaged archive: reported as unreadable
    }
  }

  @FuzzTest(maxDuration = "30s")
  void configs_areLoadedOrRefusedWithAnInputError(byte[] input) throws IOException {
    Path dir = Files.createTempDirectory("bulwark-fuzz-");
    Path yaml = Files.write(dir.resolve(ConfigLoader.FILE_NAME), input);
    try {
      ConfigLoader.load(yaml, Set.of("secrets", "logs", "deps"), w -> {});
    } catch (InputException refused) {
      // exit 2 with the file and the problem
    } finally {
      Files.delete(yaml);
      Files.delete(dir);
    }
  }

  @FuzzTest(maxDuration = "30s")
  void baselines_areLoadedOrRefusedWithAnInputError(byte[] input) throws IOException {
    Path file = Files.createTempFile("bulwark-fuzz-", ".json");
    try {
      Files.write(file, input);
      Baseline.load(file);
    } catch (InputException refused) {
      // exit 2 with the file and the problem
    } finally {
      Files.delete(file);
    }
  }

  @FuzzTest(maxDuration = "30s")
  void ignoreFiles_neverThrow(byte[] input) {
    IgnoreFile.parse(new String(input, StandardCharsets.UTF_8).lines().toList(), "");
  }
}
