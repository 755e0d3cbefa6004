package dev.bulwark.core.canary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CanaryRegistryTest {
  @Test
  void recognisesAPlantedSecretByItsHash_andAUrlOrHostByTheId(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("canaries.jsonl");
    Files.writeString(
        f,
        "{\"id\":\"abcdefghijklmnopqrst\",\"kind\":\"api-token\",\"secrets\":[\""
            + CanaryRegistry.sha256("Zx81token")
            + "\"]}\n\n{\"id\":\"zz2345zz2345zz2345zz\",\"kind\":\"url\"}\n");
    CanaryRegistry r = CanaryRegistry.load(f);
    assertThat(r.recognise("Zx81token"))
        .hasValue(new CanaryRegistry.Mark("abcdefghijklmnopqrst", "api-token"));
    assertThat(r.recognise("https://bulwark.example.org/c/zz2345zz2345zz2345zz"))
        .hasValue(new CanaryRegistry.Mark("zz2345zz2345zz2345zz", "url"));
    assertThat(r.recognise("Zx81token2")).isEmpty();
    assertThat(r.recognise("xabcdefghijklmnopqrst")).as("an id inside a longer word").isEmpty();
    assertThat(CanaryRegistry.empty().recognise("Zx81token")).isEmpty();
  }

  @Test
  void aLineThatIsNoTokenRecord_isAnErrorNamingTheLine(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("canaries.jsonl");
    Files.writeString(f, "{\"id\":\"abcdefghijklmnopqrst\",\"kind\":\"url\"}\n{\"id\":7}\n");
    assertThatThrownBy(() -> CanaryRegistry.load(f))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("canaries.jsonl:2");
  }
}
