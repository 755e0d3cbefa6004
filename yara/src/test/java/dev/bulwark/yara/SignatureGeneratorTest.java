package dev.bulwark.yara;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.yara.generate.SignatureGenerator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Generated rules match their samples and nothing in the goodware, or are reported unverified. */
class SignatureGeneratorTest {

  static byte[] binary(String... strings) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0});
    for (String s : strings) {
      out.writeBytes(new byte[] {0, 1, 2, 0});
      out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
    }
    out.writeBytes(new byte[] {0, 0});
    return out.toByteArray();
  }

  @Test
  void generate_dropsGoodwareStrings_andVerifiesTheRule(@TempDir Path dir) throws Exception {
    Path samples = Files.createDirectories(dir.resolve("samples"));
    Path goodware = Files.createDirectories(dir.resolve("goodware"));
    for (int i = 1; i <= 3; i++) {
      Files.write(
          samples.resolve("s" + i),
          binary(
              "Global\\\\DemoMutex_4411",
              "http://c2.example.invalid/gate?v=" + i,
              "Usage: %s [options] FILE"));
    }
    Files.write(goodware.resolve("tool"), binary("Usage: %s [options] FILE", "harmless text"));
    List<Path> s = List.of(samples.resolve("s1"), samples.resolve("s2"), samples.resolve("s3"));
    var r =
        SignatureGenerator.generate(
            s, List.of(goodware), "demo_family", 1, new PrintStream(new ByteArrayOutputStream()));
    assertThat(r.chosen())
        .contains("Global\\\\DemoMutex_4411")
        .doesNotContain("Usage: %s [options] FILE");
    assertThat(r.compilesHere()).isTrue();
    assertThat(r.samplesMatched()).isEqualTo(3);
    assertThat(r.goodwareHits()).isEmpty();
    assertThat(r.droppedByGoodware()).isEqualTo(1);
  }
}
