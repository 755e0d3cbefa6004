package dev.bulwark.threatmodel.format;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.threatmodel.format.Assembly.AssetDraft;
import dev.bulwark.threatmodel.format.Assembly.BoundaryDraft;
import dev.bulwark.threatmodel.format.Assembly.LinkDraft;
import dev.bulwark.threatmodel.model.CommunicationLink;
import dev.bulwark.threatmodel.model.Confidentiality;
import dev.bulwark.threatmodel.model.Criticality;
import dev.bulwark.threatmodel.model.DataAsset;
import dev.bulwark.threatmodel.model.TechnicalAsset;
import dev.bulwark.threatmodel.model.ThreatModel;
import dev.bulwark.threatmodel.model.ThreatModel.Kind;
import dev.bulwark.threatmodel.model.TrustBoundary;
import dev.bulwark.threatmodel.tree.ModelException;
import dev.bulwark.threatmodel.tree.Tree;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Open Threat Model format (JSON or YAML): trust zones, components, data flows and data assets.
 * OTM rates data on 0–100 scales; they map to the five levels in steps of 25.
 */
public final class OtmFormat {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private OtmFormat() {}

  static boolean looksLike(Tree.MapNode root) {
    return root.get("otmVersion") != null;
  }

  static ThreatModel fromTree(Tree.MapNode root) throws ModelException {
    Assembly a = new Assembly();
    Tree.MapNode project = root.require("project").asMap();
    Map<String, String> zoneType = new HashMap<>();
    for (Tree z : root.list("trustZones").items()) {
      Tree.MapNode m = z.asMap();
      BoundaryDraft b = new BoundaryDraft();
      b.id = a.newId(m.requireText("id"), m.text("name", null));
      b.title = m.text("name", b.id);
      b.description = m.text("description", "");
      b.type = m.text("type", "network-on-prem");
      zoneType.put(b.id, b.type);
      a.boundaries.put(b.id, b);
      a.source(Kind.TRUST_BOUNDARY, b.id, m);
    }
    for (Tree z : root.list("trustZones").items()) {
      Tree.MapNode parent = z.asMap().map("parent");
      String p = parent.text("trustZone", null);
      if (p != null) {
        BoundaryDraft outer = a.boundaries.get(a.idOf.get(p));
        if (outer == null) {
          throw parent.error("unknown trust zone '" + p + "'");
        }
        outer.nested.add(a.idOf.get(z.asMap().requireText("id")));
      }
    }
    for (Tree d : root.list("assets").items()) {
      Tree.MapNode m = d.asMap();
      String id = a.newId(m.requireText("id"), m.text("name", null));
      Tree.MapNode risk = m.map("risk");
      a.data.add(
          new DataAsset(
              id,
              m.text("name", id),
              m.text("description", ""),
              "business",
              List.of(),
              "",
              "",
              "many",
              Confidentiality.values()[level(risk, "confidentiality")],
              Criticality.values()[level(risk, "integrity")],
              Criticality.values()[level(risk, "availability")],
              risk.text("riskComments", "")));
      a.source(Kind.DATA_ASSET, id, m);
    }
    List<Tree> components = root.list("components").items();
    for (Tree c : components) {
      Tree.MapNode m = c.asMap();
      AssetDraft x = new AssetDraft();
      x.id = a.newId(m.requireText("id"), m.text("name", null));
      x.title = m.text("name", x.id);
      x.description = m.text("description", "");
      String type = m.text("type", "");
      x.technology = Assembly.technology(type);
      x.type = assetType(type, m.texts("tags"));
      x.humanClient = x.technology.equals("browser");
      x.tags.addAll(m.texts("tags"));
      Tree.MapNode used = m.map("assets");
      x.processed.addAll(mapped(a, used.texts("processed")));
      x.stored.addAll(mapped(a, used.texts("stored")));
      a.assets.put(x.id, x);
      a.source(Kind.TECHNICAL_ASSET, x.id, m);
    }
    for (Tree c : components) {
      Tree.MapNode m = c.asMap();
      String id = a.idOf.get(m.requireText("id"));
      Tree.MapNode parent = m.map("parent");
      String zone = parent.text("trustZone", null);
      if (zone != null) {
        BoundaryDraft b = a.boundaries.get(a.idOf.get(zone));
        if (b == null) {
          throw parent.error("unknown trust zone '" + zone + "'");
        }
        b.inside.add(id);
        a.assets.get(id).internet = "internet".equalsIgnoreCase(zoneType.get(b.id));
      }
    }
    for (Tree f : root.list("dataflows").items()) {
      Tree.MapNode m = f.asMap();
      LinkDraft l = new LinkDraft();
      l.foreignSource = m.requireText("source");
      l.foreignTarget = m.requireText("destination");
      if (!a.idOf.containsKey(l.foreignSource)) {
        throw m.get("source").error("unknown component '" + l.foreignSource + "'");
      }
      if (!a.idOf.containsKey(l.foreignTarget)) {
        throw m.get("destination").error("unknown component '" + l.foreignTarget + "'");
      }
      l.title = m.text("name", m.requireText("id"));
      l.description = m.text("description", "");
      l.tags.addAll(m.texts("tags"));
      l.sent.addAll(mapped(a, m.texts("assets")));
      Tree.MapNode attrs = m.map("attributes");
      l.protocol = attrs.text("protocol", "unknown-protocol");
      l.authentication = attrs.text("authentication", "none");
      l.at = m;
      a.links.add(l);
    }
    return a.build(
        project.text("name", ""), project.text("owner", ""), project.text("description", ""), root);
  }

  private static List<String> mapped(Assembly a, List<String> foreign) {
    return foreign.stream().map(f -> a.idOf.getOrDefault(f, f)).toList();
  }

  private static String assetType(String type, List<String> tags) {
    String t = type.toLowerCase(java.util.Locale.ROOT);
    if (t.contains("client")
        || t.contains("user")
        || t.contains("actor")
        || tags.contains("external")) {
      return "external-entity";
    }
    if (t.contains("database") || t.contains("store") || t.contains("bucket") || t.contains("db")) {
      return "datastore";
    }
    return "process";
  }

  private static int level(Tree.MapNode risk, String key) throws ModelException {
    String v = risk.text(key, "0");
    double d;
    try {
      d = Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw risk.get(key).error("expected a number from 0 to 100, got '" + v + "'");
    }
    if (d < 0 || d > 100) {
      throw risk.get(key).error("expected a number from 0 to 100, got '" + v + "'");
    }
    return (int) Math.ceil(d / 25.0);
  }

  /** The model as OTM 0.2 JSON; ids are the model's own. */
  public static String write(ThreatModel model) {
    ObjectNode root = JSON.createObjectNode();
    root.put("otmVersion", "0.2.0");
    ObjectNode project = root.putObject("project");
    project.put("name", model.title().isEmpty() ? "threat model" : model.title());
    project.put("id", dev.bulwark.threatmodel.model.Ids.slug(model.title()));
    project.put("description", model.description());
    project.put("owner", model.author());
    ArrayNode zones = root.putArray("trustZones");
    Map<String, String> parentOf = new HashMap<>();
    for (TrustBoundary b : model.trustBoundaries()) {
      b.boundariesNested().forEach(n -> parentOf.put(n, b.id()));
    }
    for (TrustBoundary b : model.trustBoundaries()) {
      ObjectNode z = zones.addObject();
      z.put("id", b.id());
      z.put("name", b.title());
      z.put("type", b.type());
      z.put("description", b.description());
      z.putObject("risk").put("trustRating", b.isNetwork() ? 50 : 80);
      if (parentOf.containsKey(b.id())) {
        z.putObject("parent").put("trustZone", parentOf.get(b.id()));
      }
    }
    ArrayNode assets = root.putArray("assets");
    for (DataAsset d : model.dataAssets()) {
      ObjectNode o = assets.addObject();
      o.put("id", d.id());
      o.put("name", d.title());
      o.put("description", d.description());
      ObjectNode risk = o.putObject("risk");
      risk.put("confidentiality", d.confidentiality().ordinal() * 25);
      risk.put("integrity", d.integrity().ordinal() * 25);
      risk.put("availability", d.availability().ordinal() * 25);
      risk.put("riskComments", d.justification());
    }
    Map<String, String> zoneOf = new HashMap<>();
    for (TrustBoundary b : model.trustBoundaries()) {
      b.assetsInside().forEach(id -> zoneOf.put(id, b.id()));
    }
    ArrayNode components = root.putArray("components");
    for (TechnicalAsset a : model.technicalAssets()) {
      ObjectNode o = components.addObject();
      o.put("id", a.id());
      o.put("name", a.title());
      o.put("description", a.description());
      o.put("type", a.technologies().get(0));
      if (zoneOf.containsKey(a.id())) {
        o.putObject("parent").put("trustZone", zoneOf.get(a.id()));
      }
      ArrayNode tags = o.putArray("tags");
      a.tags().forEach(tags::add);
      ObjectNode used = o.putObject("assets");
      ArrayNode p = used.putArray("processed");
      a.dataProcessed().forEach(p::add);
      ArrayNode s = used.putArray("stored");
      a.dataStored().forEach(s::add);
    }
    ArrayNode flows = root.putArray("dataflows");
    for (CommunicationLink l : model.links()) {
      ObjectNode o = flows.addObject();
      o.put("id", l.id());
      o.put("name", l.title());
      o.put("source", l.sourceId());
      o.put("destination", l.targetId());
      o.put("bidirectional", !l.dataReceived().isEmpty());
      ArrayNode tags = o.putArray("tags");
      l.tags().forEach(tags::add);
      ArrayNode sent = o.putArray("assets");
      l.dataSent().forEach(sent::add);
      ObjectNode attrs = o.putObject("attributes");
      attrs.put("protocol", l.protocol());
      attrs.put("authentication", l.authentication());
    }
    root.putArray("threats");
    root.putArray("mitigations");
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("OTM model could not be written", e);
    }
  }
}
