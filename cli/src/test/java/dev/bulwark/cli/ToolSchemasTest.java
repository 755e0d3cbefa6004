package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The agents' tool definitions are resource files; the build checks each against the JSON Schema
 * 2020-12 meta-schema and checks that files and registered tools match one to one.
 */
class ToolSchemasTest {
  private static final Path RESOURCES = Path.of("src/main/resources/dev/bulwark/cli/mcp");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Schema META =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
          .getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));

  private static List<Path> files(String dir) throws IOException {
    try (Stream<Path> s = Files.list(RESOURCES.resolve(dir))) {
      return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
  }

  @TestFactory
  Stream<DynamicTest> everyToolFile_isAToolWithValidSchemas() throws IOException {
    return files("tools").stream()
        .map(f ->
            DynamicTest.dynamicTest(
                f.getFileName().toString(),
                () -> {
                  JsonNode tool = JSON.readTree(f.toFile());
                  String name = f.getFileName().toString().replace(".json", "");
                  assertThat(tool.path("name").asText()).isEqualTo(name);
                  assertThat(tool.path("description").asText()).isNotBlank();
                  ToolSchemas.Definition d = ToolSchemas.load(name);
                  for (String schema : List.of(d.inputSchema(), d.outputSchema())) {
                    JsonNode node = JSON.readTree(schema);
                    assertThat(META.validate(node)).as(f + ": " + schema).isEmpty();
                    assertThat(node.path("type").asText()).isEqualTo("object");
                  }
                }));
  }

  @TestFactory
  Stream<DynamicTest> everySharedSchema_isValid() throws IOException {
    return files("schemas").stream()
        .map(f ->
            DynamicTest.dynamicTest(
                f.getFileName().toString(),
                () -> assertThat(META.validate(JSON.readTree(f.toFile()))).isEmpty()));
  }

  @Test
  void metaSchema_rejectsAMalformedSchema() throws IOException {
    assertThat(META.validate(JSON.readTree("{\"type\":\"objekt\",\"required\":\"path\"}")))
        .isNotEmpty();
  }

  @Test
  void toolFiles_andRegisteredTools_matchOneToOne() throws IOException {
    TreeSet<String> files = new TreeSet<>();
    files("tools").forEach(f -> files.add(f.getFileName().toString().replace(".json", "")));
    TreeSet<String> registered = new TreeSet<>();
    new BulwarkTools(List.of(Path.of("").toAbsolutePath()), Path.of("target/unused"), "test")
        .allowWrites(true)
        .all()
        .forEach(t -> registered.add(t.name()));
    assertThat(registered).isEqualTo(files);
  }
}
