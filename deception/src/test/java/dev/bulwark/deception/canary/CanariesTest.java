package dev.bulwark.deception.canary;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CanariesTest {
  @Test
  void everyKind_getsAUniqueIdCarriedByItsArtifact_andIsRegistered(@TempDir Path dir)
      throws Exception {
    Canaries c = new Canaries(dir);
    Set<String> ids = new HashSet<>();
    for (CanaryKind k : CanaryKind.values()) {
      Canary t =
          c.create(k, "https://bulwark.example.org/", "canary.example.org", "planted in " + k.id());
      assertThat(ids.add(t.id())).isTrue();
      switch (k) {
        case AWS_KEY ->
            assertThat(t.planted()).containsPattern("aws_access_key_id = AKIA[A-Z2-7]{16}\n");
        case URL, API_TOKEN ->
            assertThat(t.planted()).contains("https://bulwark.example.org/c/" + t.id());
        case DNS, DB_CONN -> assertThat(t.planted()).contains(t.id() + ".canary.example.org");
        case DOCX -> {
          try (ZipFile z = new ZipFile(t.planted())) {
            String rels =
                new String(
                    z.getInputStream(z.getEntry("word/_rels/document.xml.rels")).readAllBytes(),
                    StandardCharsets.UTF_8);
            assertThat(rels)
                .contains(
                    "Target=\"https://bulwark.example.org/c/"
                        + t.id()
                        + "\" TargetMode=\"External\"");
          }
        }
        case PDF ->
            assertThat(Files.readString(Path.of(t.planted()), StandardCharsets.ISO_8859_1))
                .startsWith("%PDF-1.4")
                .contains("/URI (https://bulwark.example.org/c/" + t.id() + ")")
                .endsWith("%%EOF\n");
      }
    }
    List<Canary> listed = c.list();
    assertThat(listed).extracting(Canary::id).containsExactlyInAnyOrderElementsOf(ids);
    assertThat(listed).extracting(Canary::kind).containsExactly(CanaryKind.values());
  }

  @Test
  void theRegistry_letsCoreRecogniseEveryPlantedSecret(@TempDir Path dir) throws Exception {
    Canaries c = new Canaries(dir);
    Canary aws = c.create(CanaryKind.AWS_KEY, "https://b.example.org", "c.example.org", "");
    Canary token = c.create(CanaryKind.API_TOKEN, "https://b.example.org", "c.example.org", "");
    dev.bulwark.core.canary.CanaryRegistry r =
        dev.bulwark.core.canary.CanaryRegistry.load(c.registry());
    for (String line : aws.planted().split("\n")) {
      if (line.contains(" = ") && line.startsWith("aws_")) {
        assertThat(r.recognise(line.substring(line.indexOf(" = ") + 3)))
            .hasValueSatisfying(m -> assertThat(m.id()).isEqualTo(aws.id()));
      }
    }
    String apiToken =
        token.planted().lines().filter(l -> l.startsWith("api_token")).findFirst().orElseThrow();
    assertThat(r.recognise(apiToken.substring(apiToken.indexOf(" = ") + 3)))
        .hasValueSatisfying(m -> assertThat(m.kind()).isEqualTo("api-token"));
    assertThat(r.recognise("https://b.example.org/c/" + token.id())).isPresent();
    assertThat(java.nio.file.Files.readString(c.registry()))
        .doesNotContain(apiToken.substring(apiToken.indexOf(" = ") + 3));
  }

  @Test
  void unknownKind_isNamedInTheError() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> CanaryKind.of("excel"))
        .hasMessageContaining("unknown canary kind 'excel'")
        .hasMessageContaining("aws-key");
  }
}
