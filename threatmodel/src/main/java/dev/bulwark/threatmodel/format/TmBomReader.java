package dev.bulwark.threatmodel.format;

import dev.bulwark.threatmodel.format.Assembly.AssetDraft;
import dev.bulwark.threatmodel.format.Assembly.BoundaryDraft;
import dev.bulwark.threatmodel.format.Assembly.LinkDraft;
import dev.bulwark.threatmodel.model.ThreatModel;
import dev.bulwark.threatmodel.model.ThreatModel.Kind;
import dev.bulwark.threatmodel.tree.ModelException;
import dev.bulwark.threatmodel.tree.Tree;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads a CycloneDX threat-model BOM (TM-BOM): components of type {@code threat-model} whose {@code
 * cdx:model:*} properties say what they are (boundary, actor, server, datastore, dataflow…).
 */
public final class TmBomReader {
  private TmBomReader() {}

  static boolean looksLike(Tree.MapNode root) {
    return "CycloneDX"
        .equals(root.entries().get("bomFormat") instanceof Tree.Scalar s ? s.value() : null);
  }

  static ThreatModel fromTree(Tree.MapNode root) throws ModelException {
    Assembly a = new Assembly();
    String title = "";
    String description = "";
    Map<String, String> boundaryOf = new HashMap<>();
    for (Tree t : root.list("components").items()) {
      Tree.MapNode model = t.asMap();
      if (!"threat-model".equals(model.text("type", ""))) {
        continue;
      }
      title = model.text("name", title);
      description = model.text("description", description);
      for (Tree c : model.list("components").items()) {
        Tree.MapNode m = c.asMap();
        Map<String, String> props = new HashMap<>();
        for (Tree p : m.list("properties").items()) {
          props.put(p.asMap().requireText("name"), p.asMap().text("value", ""));
        }
        String ref = m.requireText("bom-ref");
        String name = m.text("name", ref).replace("(*)", "").trim();
        String type = props.getOrDefault("cdx:model:type", "");
        switch (type) {
          case "boundary" -> {
            BoundaryDraft b = new BoundaryDraft();
            b.id = a.newId(ref, name);
            b.title = name;
            b.description = m.text("description", "");
            a.boundaries.put(b.id, b);
            a.source(Kind.TRUST_BOUNDARY, b.id, m);
          }
          case "dataflow" -> {
            LinkDraft l = new LinkDraft();
            l.foreignSource = props.get("cdx:model:dataflow:source");
            l.foreignTarget = props.get("cdx:model:dataflow:destination");
            if (l.foreignSource == null || l.foreignTarget == null) {
              throw m.error("a dataflow needs cdx:model:dataflow:source and :destination");
            }
            l.title = name;
            l.description = props.getOrDefault("cdx:model:dataflow:data", "");
            l.protocol =
                ThreatDragonReader.protocol(
                    props.getOrDefault("cdx:model:dataflow:protocol", ""), false);
            l.at = m;
            a.links.add(l);
          }
          default -> {
            AssetDraft x = new AssetDraft();
            x.id = a.newId(ref, name);
            x.title = name;
            x.description = m.text("description", "");
            x.type =
                switch (type) {
                  case "actor" -> "external-entity";
                  case "datastore" -> "datastore";
                  default -> "process";
                };
            x.technology =
                switch (type) {
                  case "actor" -> "browser";
                  case "datastore" -> "database";
                  case "lambda" -> "function";
                  case "server" -> "web-server";
                  default -> "unknown-technology";
                };
            x.humanClient = type.equals("actor");
            x.outOfScope = "false".equals(props.get("cdx:model:inScope"));
            if ("true".equals(props.get("cdx:model:isHardened"))) {
              x.tags.add("hardened");
            }
            a.assets.put(x.id, x);
            a.source(Kind.TECHNICAL_ASSET, x.id, m);
            String in = props.get("cdx:model:inBoundary");
            if (in != null) {
              boundaryOf.put(x.id, in);
            }
          }
        }
      }
    }
    for (var e : boundaryOf.entrySet()) {
      BoundaryDraft b = a.boundaries.get(a.idOf.get(e.getValue()));
      if (b == null) {
        throw root.error("component " + e.getKey() + " is in unknown boundary " + e.getValue());
      }
      b.inside.add(e.getKey());
    }
    return a.build(title, "", description, root);
  }
}
