package dev.bulwark.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The descriptions and JSON Schemas of the agents' tools, one resource file per tool under {@code
 * dev/bulwark/cli/mcp/tools/} (checked against the JSON Schema meta-schema by the build). A schema
 * shared by several tools lives in {@code mcp/schemas/} and is referenced as {@code {"$ref":
 * "../schemas/NAME.json"}}; it is inlined on loading, since MCP clients do not resolve references.
 */
final class ToolSchemas {
  static final String TOOLS = "/dev/bulwark/cli/mcp/tools/";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A tool as the resource file states it. */
  record Definition(String name, String description, String inputSchema, String outputSchema) {}

  private ToolSchemas() {}

  /** The definition of the tool {@code name}; a missing or malformed file is a build error. */
  static Definition load(String name) {
    JsonNode tool = read(TOOLS + name + ".json");
    if (!name.equals(tool.path("name").asText())) {
      throw new IllegalStateException(
          TOOLS + name + ".json: names tool '" + tool.path("name").asText() + "'");
    }
    return new Definition(
        name,
        tool.path("description").asText(),
        inline(tool.path("inputSchema")).toString(),
        inline(tool.path("outputSchema")).toString());
  }

  private static JsonNode inline(JsonNode schema) {
    if (schema instanceof ObjectNode o && o.size() == 1 && o.has("$ref")) {
      String ref = o.get("$ref").asText();
      if (!ref.startsWith("../schemas/")) {
        throw new IllegalStateException(
            "tool schema reference must be ../schemas/NAME.json: " + ref);
      }
      return read(TOOLS + ref);
    }
    return schema;
  }

  private static JsonNode read(String resource) {
    String path = java.nio.file.Path.of(resource).normalize().toString().replace('\\', '/');
    try (InputStream in = ToolSchemas.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException(path + ": no such resource");
      }
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(path + ": " + e.getMessage(), e);
    }
  }
}
