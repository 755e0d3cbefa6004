package dev.bulwark.threatmodel.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.core.config.ConfigShape;
import dev.bulwark.core.errors.InputException;
import dev.bulwark.threatmodel.model.TechnicalAsset;
import dev.bulwark.threatmodel.model.ThreatModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Where each technical asset's code lives, from {@code bulwark.yaml} rather than from the model:
 *
 * <pre>{@code
 * threatmodel:
 *   assets:
 *     webshop:                 # a technical asset's id
 *       paths: [src/main, pom.xml]
 *       components: ["pkg:maven/com.h2database/h2"]
 * }</pre>
 *
 * A model that marks an asset itself (tags {@code path:} or {@code component:}) keeps its own
 * marks: the model is the more specific statement, and mixing two sources for one asset would make
 * its evidence hard to explain. An asset id the model does not have is an error, since a misspelt
 * id would otherwise silently link no evidence.
 */
public record AssetMarks(Map<String, Marks> byAsset, String where) {
  public AssetMarks {
    byAsset = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byAsset));
  }

  /** The keys of the {@code threatmodel} section; asset ids are the user's own. */
  public static final ConfigShape KEYS = ConfigShape.keys().with("assets", ConfigShape.free());

  /** One asset's repository path prefixes and SBOM component purl prefixes. */
  public record Marks(List<String> paths, List<String> components) {
    public Marks {
      paths = List.copyOf(paths);
      components = List.copyOf(components);
    }
  }

  public static AssetMarks none() {
    return new AssetMarks(Map.of(), "");
  }

  /** The marks of a {@code threatmodel} section ({@code where} names the file in messages). */
  public static AssetMarks fromSection(JsonNode section, String where) throws InputException {
    if (section == null || section.isMissingNode() || section.isNull()) {
      return none();
    }
    JsonNode assets = section.path("assets");
    if (assets.isMissingNode() || assets.isNull()) {
      return none();
    }
    if (!assets.isObject()) {
      throw new InputException(where + ": threatmodel.assets must map asset ids to their marks");
    }
    Map<String, Marks> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : assets.properties()) {
      String at = where + ": threatmodel.assets." + e.getKey();
      JsonNode v = e.getValue();
      if (!v.isObject()) {
        throw new InputException(at + " must hold paths and/or components");
      }
      for (Map.Entry<String, JsonNode> field : v.properties()) {
        String k = field.getKey();
        if (!k.equals("paths") && !k.equals("components")) {
          throw new InputException(at + ": unknown key '" + k + "' (expected paths, components)");
        }
      }
      out.put(
          e.getKey(),
          new Marks(
              texts(v.path("paths"), at + ".paths"),
              texts(v.path("components"), at + ".components")));
    }
    return new AssetMarks(out, where);
  }

  private static List<String> texts(JsonNode n, String at) throws InputException {
    List<String> out = new ArrayList<>();
    if (n.isMissingNode() || n.isNull()) {
      return out;
    }
    if (n.isTextual()) {
      n = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode().add(n);
    }
    if (!n.isArray()) {
      throw new InputException(at + " must be a list of strings");
    }
    for (JsonNode x : n) {
      if (!x.isTextual() || x.asText().isBlank()) {
        throw new InputException(at + " must be a list of non-empty strings");
      }
      String s = x.asText().strip().replace('\\', '/');
      out.add(s.startsWith("./") ? s.substring(2) : s);
    }
    return out;
  }

  /**
   * The model with these marks as tags on the assets that have none of their own; {@code notes}
   * hears of each asset whose own marks were kept.
   */
  public ThreatModel apply(ThreatModel m, Consumer<String> notes) throws InputException {
    if (byAsset.isEmpty()) {
      return m;
    }
    for (String id : byAsset.keySet()) {
      if (m.asset(id).isEmpty()) {
        throw new InputException(
            where
                + ": threatmodel.assets."
                + id
                + ": the model has no technical asset '"
                + id
                + "'");
      }
    }
    List<TechnicalAsset> assets = new ArrayList<>();
    for (TechnicalAsset a : m.technicalAssets()) {
      Marks marks = byAsset.get(a.id());
      if (marks == null) {
        assets.add(a);
        continue;
      }
      boolean own =
          a.tags().stream().anyMatch(t -> t.startsWith("path:") || t.startsWith("component:"));
      if (own) {
        notes.accept(
            "asset "
                + a.id()
                + " keeps the model's own path:/component: tags; "
                + where
                + "'s marks for it are not used");
        assets.add(a);
        continue;
      }
      List<String> tags = new ArrayList<>(a.tags());
      marks.paths().forEach(p -> tags.add("path:" + p));
      marks.components().forEach(c -> tags.add("component:" + c));
      assets.add(a.withTags(tags));
    }
    return new ThreatModel(
        m.title(),
        m.author(),
        m.date(),
        m.businessCriticality(),
        m.description(),
        m.tagsAvailable(),
        m.dataAssets(),
        assets,
        m.trustBoundaries(),
        m.sharedRuntimes(),
        m.riskTracking(),
        m.sources());
  }
}
