package dev.bulwark.threatmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.core.errors.InputException;
import dev.bulwark.core.model.Confidence;
import dev.bulwark.core.model.Finding;
import dev.bulwark.core.model.Location;
import dev.bulwark.core.model.Region;
import dev.bulwark.core.model.Severity;
import dev.bulwark.threatmodel.evidence.AssetMarks;
import dev.bulwark.threatmodel.evidence.EvidenceLinker;
import dev.bulwark.threatmodel.format.Models;
import dev.bulwark.threatmodel.model.ThreatModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Asset marks from bulwark.yaml, for assets the model leaves unmarked. */
class AssetMarksTest {
  static final String MODEL =
      """
      title: t
      technical_assets:
        App:
          id: app
          type: process
        Worker:
          id: worker
          type: process
          tags: ["path:worker/"]
      """;

  /** A section as the configuration loader hands it over (JSON here, YAML in the file). */
  private static JsonNode section(String json) throws Exception {
    return new ObjectMapper().readTree(json);
  }

  @Test
  void unmarkedAssets_takeTheConfiguredMarks_andMarkedOnesKeepTheirOwn(@TempDir Path tmp)
      throws Exception {
    ThreatModel m = Models.read(Files.writeString(tmp.resolve("m.yaml"), MODEL));
    AssetMarks marks =
        AssetMarks.fromSection(
            section(
                """
                {"assets": {
                  "app": {"paths": ["./src/main", "pom.xml"],
                          "components": "pkg:maven/com.h2database/h2"},
                  "worker": {"paths": ["elsewhere"]}}}
                """),
            "bulwark.yaml");
    List<String> notes = new ArrayList<>();
    ThreatModel marked = marks.apply(m, notes::add);
    assertThat(marked.asset("app").orElseThrow().tags())
        .containsExactly("path:src/main", "path:pom.xml", "component:pkg:maven/com.h2database/h2");
    assertThat(marked.asset("worker").orElseThrow().tags()).containsExactly("path:worker/");
    assertThat(notes)
        .containsExactly(
            "asset worker keeps the model's own path:/component: tags; bulwark.yaml's marks for it"
                + " are not used");

    Finding f =
        Finding.builder("code", "java-sqli")
            .title("t")
            .message("m")
            .severity(Severity.HIGH)
            .confidence(Confidence.HIGH)
            .location(new Location.File("src/main/java/A.java", Region.line(3)))
            .build();
    assertThat(EvidenceLinker.assetsOf(m, f)).as("unmarked in the model").isEmpty();
    assertThat(EvidenceLinker.assetsOf(marked, f)).containsExactly("app");
  }

  @Test
  void anUnknownAssetOrKey_isAnErrorNamingIt(@TempDir Path tmp) throws Exception {
    ThreatModel m = Models.read(Files.writeString(tmp.resolve("m.yaml"), MODEL));
    AssetMarks typo =
        AssetMarks.fromSection(section("{\"assets\": {\"ap\": {\"paths\": [\"src\"]}}}"), "b.yaml");
    assertThatThrownBy(() -> typo.apply(m, n -> {}))
        .isInstanceOf(InputException.class)
        .hasMessage("b.yaml: threatmodel.assets.ap: the model has no technical asset 'ap'");
    assertThatThrownBy(() ->
            AssetMarks.fromSection(
                section("{\"assets\": {\"app\": {\"path\": [\"src\"]}}}"), "b.yaml"))
        .hasMessage(
            "b.yaml: threatmodel.assets.app: unknown key 'path' (expected paths, components)");
    assertThatThrownBy(() ->
            AssetMarks.fromSection(
                section("{\"assets\": {\"app\": {\"paths\": {\"a\": 1}}}}"), "b.yaml"))
        .hasMessage("b.yaml: threatmodel.assets.app.paths must be a list of strings");
    assertThat(AssetMarks.fromSection(null, "b.yaml").apply(m, n -> {})).isSameAs(m);
  }
}
