package dev.bulwark.code.specs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.bulwark.code.rules.Category;
import java.io.IOException;
import java.util.List;
import java.util.Locale;

/**
 * Writes inferred specifications as a rule pack in the library model's format ({@code sources},
 * {@code sanitizers}, {@code propagators}, and {@code sinks} naming their rule), each entry with
 * its confidence, verdict and evidence, so the team can review the file, commit it, and name it
 * under {@code code.packs} in bulwark.yaml.
 */
public final class SpecPack {
  private SpecPack() {}

  public static String yaml(String project, List<Spec> specs) {
    ObjectMapper yaml =
        new ObjectMapper(
            new YAMLFactory()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));
    ObjectNode root = yaml.createObjectNode();
    root.put("library", "specifications inferred for " + project);
    ArrayNode sources = root.putArray("sources");
    ArrayNode sinks = root.putArray("sinks");
    ArrayNode sanitizers = root.putArray("sanitizers");
    ArrayNode propagators = root.putArray("propagators");
    for (Spec s : specs) {
      ObjectNode e;
      switch (s.kind()) {
        case SOURCE -> {
          e = sources.addObject();
          e.put("method", s.method());
          e.put("description", "inferred source " + shortName(s));
          if (!s.categories().isEmpty()) {
            categories(e.putArray("dangerous-for"), s);
          }
        }
        case SINK -> {
          if (s.rule() == null) {
            continue; // a sink no rule fits cannot be used by the analysis
          }
          e = sinks.addObject();
          e.put("rule", s.rule());
          e.put("method", s.method());
          ArrayNode a = e.putArray("args");
          s.args().forEach(a::add);
        }
        case SANITIZER -> {
          if (s.categories().isEmpty()) {
            continue;
          }
          e = sanitizers.addObject();
          e.put("method", s.method());
          e.put("arg", s.args().isEmpty() ? 0 : s.args().get(0));
          categories(e.putArray("cleanses"), s);
        }
        case PROPAGATOR -> {
          e = propagators.addObject();
          e.put("method", s.method());
          ArrayNode a = e.putArray("from");
          s.args().forEach(a::add);
          e.put("to", "receiver");
        }
        default -> throw new IllegalStateException();
      }
      e.put("confidence", s.confidence().label());
      e.put("verdict", s.verdict().label());
      e.put("evidence", s.evidence());
      e.put("origin", s.origin());
      e.put("labelled-by", s.labelledBy());
    }
    try {
      return "# Specifications inferred by bulwark code specs: review, then name this file under\n"
          + "# code.packs in bulwark.yaml. Unverified entries are used at low confidence.\n"
          + yaml.writeValueAsString(root);
    } catch (IOException e) {
      throw new IllegalStateException("writing YAML to memory failed", e);
    }
  }

  private static void categories(ArrayNode a, Spec s) {
    if (s.categories().size() == Category.values().length) {
      a.add("all");
      return;
    }
    s.categories().stream()
        .sorted()
        .forEach(c -> a.add(c.name().toLowerCase(Locale.ROOT).replace('_', '-')));
  }

  private static String shortName(Spec s) {
    return s.owner().substring(s.owner().lastIndexOf('.') + 1) + "." + s.name();
  }
}
