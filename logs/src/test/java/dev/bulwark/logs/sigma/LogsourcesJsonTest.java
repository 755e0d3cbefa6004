package dev.bulwark.logs.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The built-in pipeline is written in logsources.yml and shipped as logsources.json, which hunts
 * read because it parses far faster. Run with {@code -Dgolden.update=true} to regenerate the JSON
 * after changing the YAML.
 */
class LogsourcesJsonTest {
  private static final Path DIR =
      Path.of(System.getProperty("basedir", "."))
          .resolve("src/main/resources/dev/bulwark/logs/sigma");

  @Test
  void theShippedJsonIsTheYamlPipeline() throws Exception {
    JsonNode yaml =
        new ObjectMapper(new YAMLFactory()).readTree(DIR.resolve("logsources.yml").toFile());
    Path json = DIR.resolve(Logsources.BUILT_IN_JSON);
    if (Boolean.getBoolean("golden.update")) {
      Files.writeString(json, new ObjectMapper().writeValueAsString(yaml) + "\n");
    }
    assertThat(new ObjectMapper().readTree(json.toFile()))
        .as("logsources.json is stale: run the logs tests with -Dgolden.update=true")
        .isEqualTo(yaml);
  }
}
