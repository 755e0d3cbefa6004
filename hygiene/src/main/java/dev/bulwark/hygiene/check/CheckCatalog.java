package dev.bulwark.hygiene.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.bulwark.core.errors.InputException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The checks, read from {@code checks.yaml}: every field checked, errors name file and check. */
public final class CheckCatalog {
  /** The built-in catalogue on the class path. */
  public static final String BUILT_IN = "/dev/bulwark/hygiene/checks.yaml";

  private static final Set<String> KEYS =
      Set.of(
          "id", "kind", "title", "question", "why", "fix", "effort", "risk", "profiles", "lynis");

  private final Map<String, Check> checks;

  private CheckCatalog(Map<String, Check> checks) {
    this.checks = checks;
  }

  public static CheckCatalog builtIn() {
    try (InputStream in = CheckCatalog.class.getResourceAsStream(BUILT_IN)) {
      if (in == null) {
        throw new IllegalStateException("missing " + BUILT_IN);
      }
      return read("checks.yaml", in);
    } catch (IOException | InputException e) {
      throw new IllegalStateException("the built-in check catalogue is broken: " + e.getMessage());
    }
  }

  public static CheckCatalog read(String name, InputStream in) throws InputException {
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(in);
    } catch (IOException e) {
      throw new InputException(name + ": not YAML: " + e.getMessage());
    }
    JsonNode list = root == null ? null : root.get("checks");
    if (list == null || !list.isArray()) {
      throw new InputException(name + ": expected a top-level 'checks' list");
    }
    Map<String, Check> out = new LinkedHashMap<>();
    int i = 0;
    for (JsonNode n : list) {
      i++;
      String where = name + ": check " + i;
      for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
        String k = it.next();
        if (!KEYS.contains(k)) {
          throw new InputException(where + ": unknown key '" + k + "' (expected " + KEYS + ")");
        }
      }
      String id = n.path("id").asText("");
      where = name + ": check '" + id + "'";
      Check c;
      try {
        Map<String, String> fix = new LinkedHashMap<>();
        n.path("fix").properties().forEach(e -> fix.put(e.getKey(), e.getValue().asText()));
        Set<Profile> profiles = new LinkedHashSet<>();
        for (JsonNode p : n.path("profiles")) {
          profiles.add(Profile.of(p.asText()));
        }
        List<String> lynis = new ArrayList<>();
        n.path("lynis").forEach(l -> lynis.add(l.asText()));
        c =
            new Check(
                id,
                Check.Kind.valueOf(
                    n.path("kind").asText("probe").toUpperCase(java.util.Locale.ROOT)),
                n.path("title").asText(null),
                n.path("question").asText(null),
                n.path("why").asText(null),
                fix,
                n.path("effort").asInt(0),
                n.path("risk").asInt(0),
                profiles,
                lynis);
      } catch (IllegalArgumentException e) {
        throw new InputException(where + ": " + e.getMessage());
      }
      if (out.putIfAbsent(id, c) != null) {
        throw new InputException(where + ": duplicate id");
      }
    }
    return new CheckCatalog(out);
  }

  public List<Check> all() {
    return List.copyOf(checks.values());
  }

  public Optional<Check> get(String id) {
    return Optional.ofNullable(checks.get(id));
  }

  public List<Check> forProfile(Profile profile) {
    return checks.values().stream().filter(c -> c.appliesTo(profile)).toList();
  }
}
