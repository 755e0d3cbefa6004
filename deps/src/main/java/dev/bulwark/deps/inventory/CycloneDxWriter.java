package dev.bulwark.deps.inventory;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.deps.model.Component;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** An inventory as a CycloneDX 1.6 JSON bill of materials. */
public final class CycloneDxWriter {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private CycloneDxWriter() {}

  public static String write(List<Component> components, String projectName, Instant now) {
    ObjectNode root = JSON.createObjectNode();
    root.put("bomFormat", "CycloneDX");
    root.put("specVersion", "1.6");
    root.put(
        "serialNumber",
        "urn:uuid:"
            + UUID.nameUUIDFromBytes(
                (projectName + components).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    root.put("version", 1);
    ObjectNode meta = root.putObject("metadata");
    meta.put("timestamp", now.toString());
    meta.putObject("tools")
        .putArray("components")
        .addObject()
        .put("type", "application")
        .put("name", "Bulwark");
    meta.putObject("component")
        .put("type", "application")
        .put("name", projectName)
        .put("bom-ref", "project");
    Map<String, Component> unique = new LinkedHashMap<>();
    for (Component c : components) {
      unique.putIfAbsent(c.purl(), c);
    }
    ArrayNode comps = root.putArray("components");
    for (Component c : unique.values()) {
      ObjectNode n = comps.addObject();
      n.put("type", "library");
      n.put("bom-ref", c.purl());
      String name = c.name();
      int sep = c.name().contains(":") ? c.name().indexOf(':') : -1;
      if (sep > 0) {
        n.put("group", c.name().substring(0, sep));
        name = c.name().substring(sep + 1);
      }
      n.put("name", name);
      if (!c.version().isEmpty()) {
        n.put("version", c.version());
      }
      n.put("purl", c.purl());
      n.put(
          "scope",
          c.scope().equals("test") || c.scope().equals("dev")
              ? "excluded"
              : c.scope().equals("provided") || c.scope().equals("optional")
                  ? "optional"
                  : "required");
      ArrayNode props = n.putArray("properties");
      props.addObject().put("name", "bulwark:manifest").put("value", c.manifest());
      props.addObject().put("name", "bulwark:direct").put("value", Boolean.toString(c.direct()));
      if (!c.via().isEmpty()) {
        props.addObject().put("name", "bulwark:via").put("value", c.via());
      }
    }
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("a BOM always serialises", e);
    }
  }
}
