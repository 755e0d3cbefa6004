package dev.bulwark.threatmodel.rules;

import dev.bulwark.threatmodel.tree.Documents;
import dev.bulwark.threatmodel.tree.ModelException;
import dev.bulwark.threatmodel.tree.Tree;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Threagile's technology catalogue (bundled, MIT): what each technology is (web application,
 * identity store, vault…), so rules test attributes rather than lists of names.
 */
public final class Technologies {
  private final Map<String, Set<String>> attributes;
  private final Map<String, String> aliases;

  private Technologies(Map<String, Set<String>> attributes, Map<String, String> aliases) {
    this.attributes = attributes;
    this.aliases = aliases;
  }

  public static Technologies builtIn() {
    try (InputStream in =
        Technologies.class.getResourceAsStream("/dev/bulwark/threatmodel/technologies.yaml")) {
      if (in == null) {
        throw new IllegalStateException("technologies.yaml is missing from the module");
      }
      Tree.MapNode root =
          Documents.parse(
                  "technologies.yaml", new String(in.readAllBytes(), StandardCharsets.UTF_8))
              .asMap();
      Map<String, Set<String>> attrs = new HashMap<>();
      Map<String, String> aliases = new HashMap<>();
      for (var e : root.entries().entrySet()) {
        Tree.MapNode t = e.getValue().asMap();
        Set<String> set = new HashSet<>();
        set.add(e.getKey());
        for (var a : t.map("attributes").entries().entrySet()) {
          if (a.getValue() instanceof Tree.Scalar s && s.value().equals("true")) {
            set.add(a.getKey());
          }
        }
        attrs.put(e.getKey(), set);
        for (String alias : t.texts("aliases")) {
          aliases.put(alias, e.getKey());
        }
      }
      return new Technologies(attrs, aliases);
    } catch (IOException | ModelException e) {
      throw new IllegalStateException("technology catalogue unreadable: " + e.getMessage(), e);
    }
  }

  public boolean known(String technology) {
    return attributes.containsKey(aliases.getOrDefault(technology, technology));
  }

  public boolean has(String technology, String attribute) {
    Set<String> a = attributes.get(aliases.getOrDefault(technology, technology));
    return a != null && a.contains(attribute);
  }
}
