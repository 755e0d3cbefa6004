package dev.bulwark.intel.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.bulwark.intel.analysis.IntelReport;
import dev.bulwark.intel.analysis.IntelReport.Status;
import dev.bulwark.intel.analysis.IntelReport.TechniqueRow;
import dev.bulwark.intel.stix.StixBundleReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;

/**
 * ATT&CK Navigator layers (layer format 4.5): the threat heat map (score = the technique's weight
 * among the ranked actors) and the coverage map (score 100 detected, 50 partly, 0 gap, on the
 * techniques the actors use). Both are written as one file holding a list of layers, which the
 * Navigator opens as two tabs, and checked against the layer schema first.
 */
public final class NavigatorLayers {
  static final String SCHEMA = "/dev/bulwark/intel/navigator/layer-4.5.schema.json";
  static final String NAVIGATOR_VERSION = "5.1.0";

  private NavigatorLayers() {}

  /** The two layers of a report, in a list. */
  public static ArrayNode render(IntelReport r, String attackVersion) {
    ArrayNode layers = StixBundleReader.mapper().createArrayNode();
    layers.add(threat(r, attackVersion));
    layers.add(coverage(r, attackVersion));
    return layers;
  }

  static ObjectNode threat(IntelReport r, String attackVersion) {
    ObjectNode l = base(r, "Threat heat map — " + r.organisation(), attackVersion);
    l.put(
        "description",
        "Techniques of the "
            + r.actors().size()
            + " actors most likely to target "
            + r.organisation()
            + ", scored by their weight (0–100).");
    double max = r.techniques().stream().mapToDouble(TechniqueRow::weight).max().orElse(1);
    ArrayNode ts = l.putArray("techniques");
    for (TechniqueRow t : enterprise(r)) {
      ObjectNode o = ts.addObject();
      o.put("techniqueID", t.id());
      o.put("score", Math.round(100 * t.weight() / (max == 0 ? 1 : max)));
      o.put("comment", "used by " + String.join(", ", t.actors()));
      o.put("showSubtechniques", false);
    }
    gradient(l, "#ffffff", "#ff6666");
    return l;
  }

  static ObjectNode coverage(IntelReport r, String attackVersion) {
    ObjectNode l = base(r, "Detection coverage — " + r.organisation(), attackVersion);
    l.put(
        "description",
        String.format(
            Locale.ROOT,
            "Detection of the ranked actors' techniques: 100 detected, 50 partly, 0 gap. Weighted"
                + " coverage %.1f %%.",
            r.coverage().weightedCoverage() * 100));
    ArrayNode ts = l.putArray("techniques");
    for (TechniqueRow t : enterprise(r)) {
      ObjectNode o = ts.addObject();
      o.put("techniqueID", t.id());
      o.put("score", t.status() == Status.DETECTED ? 100 : t.status() == Status.PARTIAL ? 50 : 0);
      o.put("comment", comment(t));
      ArrayNode meta = o.putArray("metadata");
      meta.addObject()
          .put("name", "status")
          .put("value", t.status().name().toLowerCase(Locale.ROOT));
      if (!t.dataSources().isEmpty()) {
        meta.addObject()
            .put("name", "data needed")
            .put("value", String.join("; ", t.dataSources()));
      }
    }
    gradient(l, "#ff6666", "#8ec843");
    ArrayNode legend = l.putArray("legendItems");
    legend.addObject().put("label", "gap").put("color", "#ff6666");
    legend.addObject().put("label", "partly detected").put("color", "#ffe766");
    legend.addObject().put("label", "detected").put("color", "#8ec843");
    return l;
  }

  private static String comment(TechniqueRow t) {
    return switch (t.status()) {
      case DETECTED ->
          "detected by "
              + String.join("; ", t.rulesInForce().isEmpty() ? t.seenInHunts() : t.rulesInForce());
      case PARTIAL -> "partly: " + String.join("; ", t.rulesInForce());
      case GAP ->
          t.candidates().isEmpty()
              ? "gap: no rule known"
              : "gap: would be covered by "
                  + String.join("; ", t.candidates().stream().map(c -> c.title()).toList());
    };
  }

  private static List<TechniqueRow> enterprise(IntelReport r) {
    // ICS techniques (T0xxx) belong to the ics-attack domain's matrix, not this layer
    return r.techniques().stream().filter(t -> !t.id().startsWith("T0")).toList();
  }

  private static ObjectNode base(IntelReport r, String name, String attackVersion) {
    ObjectNode l = StixBundleReader.mapper().createObjectNode();
    l.put("name", name);
    ObjectNode v = l.putObject("versions");
    v.put("attack", attackVersion);
    v.put("navigator", NAVIGATOR_VERSION);
    v.put("layer", "4.5");
    l.put("domain", "enterprise-attack");
    l.put("sorting", 3);
    ObjectNode layout = l.putObject("layout");
    layout.put("layout", "side");
    layout.put("showID", true);
    layout.put("showName", true);
    layout.put("expandedSubtechniques", "annotated");
    l.put("hideDisabled", false);
    ArrayNode meta = l.putArray("metadata");
    meta.addObject().put("name", "organisation").put("value", r.organisation());
    meta.addObject().put("name", "generated").put("value", r.generatedAt());
    meta.addObject().put("name", "generator").put("value", "Bulwark intel report");
    return l;
  }

  private static void gradient(ObjectNode l, String low, String high) {
    ObjectNode g = l.putObject("gradient");
    g.putArray("colors").add(low).add(high);
    g.put("minValue", 0);
    g.put("maxValue", 100);
  }

  /**
   * Errors of a layer file (one layer or a list of them) against the 4.5 schema; empty if valid.
   */
  public static List<String> validate(JsonNode layerFile) {
    try (InputStream in = NavigatorLayers.class.getResourceAsStream(SCHEMA)) {
      if (in == null) {
        throw new IllegalStateException("schema resource missing: " + SCHEMA);
      }
      Schema schema =
          SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
              .getSchema(StixBundleReader.mapper().readTree(in));
      List<String> errors =
          new java.util.ArrayList<>(
              schema.validate(layerFile).stream().map(Error::toString).toList());
      // what the definition says in prose and a schema cannot: navigator >= 4.9.0, max > min
      for (JsonNode l : layerFile.isArray() ? layerFile : List.of(layerFile)) {
        String nav = l.path("versions").path("navigator").asText("");
        if (!nav.isEmpty() && compareVersions(nav, "4.9.0") < 0) {
          errors.add("versions.navigator must be at least 4.9.0, got " + nav);
        }
        JsonNode g = l.path("gradient");
        if (g.has("minValue")
            && g.has("maxValue")
            && g.get("maxValue").asDouble() <= g.get("minValue").asDouble()) {
          errors.add("gradient.maxValue must be greater than gradient.minValue");
        }
      }
      return errors;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static int compareVersions(String a, String b) {
    String[] x = a.split("\\.");
    String[] y = b.split("\\.");
    for (int i = 0; i < Math.max(x.length, y.length); i++) {
      int p = i < x.length ? Integer.parseInt(x[i]) : 0;
      int q = i < y.length ? Integer.parseInt(y[i]) : 0;
      if (p != q) {
        return Integer.compare(p, q);
      }
    }
    return 0;
  }
}
