package dev.bulwark.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Log files are named from the hunted path, not by where the hunting machine keeps them. */
class RelativeSourcesTest {
  @TempDir Path tmp;

  @Test
  void fileUnderAHuntedDirectory_isNamedFromIt() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("case-42/dc01"));
    Path file = Files.writeString(dir.resolve("Security.jsonl"), "{}");
    List<Path> inputs = List.of(tmp.resolve("case-42"));
    assertThat(LogHunt.relativeSource(file.toString(), inputs)).isEqualTo("dc01/Security.jsonl");
    assertThat(LogHunt.relativeSource(file + "!/inner.evtx", inputs))
        .isEqualTo("dc01/Security.jsonl!/inner.evtx");
  }

  @Test
  void huntedFile_isNamedByItsFileName_andAnUnrelatedPathIsKept() throws Exception {
    Path file = Files.writeString(tmp.resolve("auth.log"), "x");
    assertThat(LogHunt.relativeSource(file.toString(), List.of(file))).isEqualTo("auth.log");
    assertThat(LogHunt.relativeSource("/elsewhere/x.log", List.of(file)))
        .isEqualTo("/elsewhere/x.log");
    assertThat(LogHunt.root(file)).isEqualTo(tmp.toAbsolutePath().normalize());
    assertThat(LogHunt.root(tmp)).isEqualTo(tmp);
  }
}
