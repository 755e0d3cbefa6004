package dev.bulwark.compliance.attack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.core.errors.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which ATT&amp;CK techniques each 800-53 control mitigates, read from a Mappings Explorer file
 * ({@code nist_800_53-rev5_attack-*.json}, Center for Threat-Informed Defense): a failing control
 * leaves these techniques open.
 */
public final class AttackMapping {
  private static final Pattern CAPABILITY =
      Pattern.compile("([A-Z]{2})-0*(\\d+)(?:\\(0*(\\d+)\\))?");

  /** One technique: {@code T1078}, "Valid Accounts". */
  public record Technique(String id, String name) {}

  private final Map<String, List<Technique>> byControl;

  private AttackMapping(Map<String, List<Technique>> byControl) {
    this.byControl = byControl;
  }

  public static AttackMapping none() {
    return new AttackMapping(Map.of());
  }

  /** The techniques {@code controlId} (OSCAL form, {@code ac-6} or {@code ac-6.9}) mitigates. */
  public List<Technique> mitigatedBy(String controlId) {
    return byControl.getOrDefault(controlId, List.of());
  }

  public int controls() {
    return byControl.size();
  }

  public static AttackMapping read(Path file) throws InputException {
    JsonNode root;
    try {
      if (Files.size(file) > 64L * 1024 * 1024) {
        throw new InputException(file + ": larger than 64 MiB");
      }
      root = new ObjectMapper().readTree(file.toFile());
    } catch (IOException e) {
      throw new InputException(file + ": not readable JSON: " + e.getMessage(), e);
    }
    JsonNode objects = root.path("mapping_objects");
    if (!objects.isArray()) {
      throw new InputException(file + ": not a Mappings Explorer file (no mapping_objects)");
    }
    Map<String, List<Technique>> out = new LinkedHashMap<>();
    for (JsonNode m : objects) {
      if (!"complete".equals(m.path("status").asText())
          || !"mitigates".equals(m.path("mapping_type").asText())) {
        continue;
      }
      Matcher c = CAPABILITY.matcher(m.path("capability_id").asText(""));
      if (!c.matches()) {
        continue;
      }
      String id =
          c.group(1).toLowerCase(Locale.ROOT)
              + "-"
              + c.group(2)
              + (c.group(3) == null ? "" : "." + c.group(3));
      List<Technique> list = out.computeIfAbsent(id, k -> new ArrayList<>());
      Technique t =
          new Technique(m.path("attack_object_id").asText(), m.path("attack_object_name").asText());
      if (!list.contains(t)) {
        list.add(t);
      }
    }
    out.replaceAll((k, v) -> List.copyOf(v));
    return new AttackMapping(out);
  }
}
