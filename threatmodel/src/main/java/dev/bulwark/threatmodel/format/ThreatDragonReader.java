package dev.bulwark.threatmodel.format;

import dev.bulwark.threatmodel.format.Assembly.AssetDraft;
import dev.bulwark.threatmodel.format.Assembly.BoundaryDraft;
import dev.bulwark.threatmodel.format.Assembly.LinkDraft;
import dev.bulwark.threatmodel.model.Confidentiality;
import dev.bulwark.threatmodel.model.ThreatModel;
import dev.bulwark.threatmodel.model.ThreatModel.Kind;
import dev.bulwark.threatmodel.tree.ModelException;
import dev.bulwark.threatmodel.tree.Tree;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads OWASP Threat Dragon JSON, version 1 ({@code diagramJson.cells} with {@code tm.*} types) and
 * version 2 ({@code cells} with {@code shape}s). Version 1 boundaries are lines, so they hold no
 * assets; version 2 boundary boxes hold the elements drawn inside them.
 */
public final class ThreatDragonReader {
  private ThreatDragonReader() {}

  static boolean looksLike(Tree.MapNode root) {
    return root.get("detail") != null && root.get("summary") != null;
  }

  static ThreatModel fromTree(Tree.MapNode root) throws ModelException {
    Assembly a = new Assembly();
    Tree.MapNode summary = root.map("summary");
    Tree.MapNode detail = root.require("detail").asMap();
    List<Box> boxes = new ArrayList<>();
    List<Placed> placed = new ArrayList<>();
    for (Tree d : detail.list("diagrams").items()) {
      Tree.MapNode diagram = d.asMap();
      Tree.ListNode cells =
          diagram.get("diagramJson") != null
              ? diagram.map("diagramJson").list("cells")
              : diagram.list("cells");
      for (Tree c : cells.items()) {
        Tree.MapNode cell = c.asMap();
        Tree.MapNode data = cell.map("data");
        String type =
            cell.text("type", null) != null && cell.text("type", "").startsWith("tm.")
                ? cell.text("type", "")
                : data.text("type", shapeType(cell.text("shape", "")));
        // version 1 keeps properties on the cell, version 2 under data
        Tree.MapNode props = cell.get("data") != null ? data : cell;
        String foreign = cell.requireText("id");
        String name = props.text("name", null);
        if (name == null) {
          name = cell.map("attrs").map("text").text("text", null);
        }
        if (name == null && cell.get("labels") != null && !cell.list("labels").items().isEmpty()) {
          name =
              cell.list("labels")
                  .items()
                  .get(0)
                  .asMap()
                  .map("attrs")
                  .map("text")
                  .text("text", null);
        }
        name = name == null ? "" : name.replace('\n', ' ').trim();
        switch (type) {
          case "tm.Actor", "tm.Process", "tm.Store" -> {
            AssetDraft x = new AssetDraft();
            x.id = a.newId(foreign, name);
            x.title = name.isEmpty() ? x.id : name;
            x.description = props.text("description", "");
            x.type =
                switch (type) {
                  case "tm.Actor" -> "external-entity";
                  case "tm.Store" -> "datastore";
                  default -> "process";
                };
            x.technology =
                switch (type) {
                  case "tm.Actor" -> "browser";
                  case "tm.Store" -> "database";
                  default -> "web-application";
                };
            x.humanClient = type.equals("tm.Actor");
            x.outOfScope = props.bool("outOfScope", false);
            x.justificationOutOfScope = props.text("reasonOutOfScope", "");
            if (props.bool("storesCredentials", false)) {
              x.tags.add("stores-credentials");
              x.confidentiality = Confidentiality.CONFIDENTIAL;
            }
            if (props.bool("isEncrypted", false)) {
              x.tags.add("encrypted");
            }
            a.assets.put(x.id, x);
            a.source(Kind.TECHNICAL_ASSET, x.id, cell);
            Tree.MapNode pos = cell.map("position");
            Tree.MapNode size = cell.map("size");
            placed.add(
                new Placed(
                    x.id,
                    num(pos, "x") + num(size, "width") / 2,
                    num(pos, "y") + num(size, "height") / 2));
          }
          case "tm.Flow" -> {
            LinkDraft l = new LinkDraft();
            l.foreignSource = endpoint(cell, "source");
            l.foreignTarget = endpoint(cell, "target");
            l.title = name;
            l.description = props.text("description", "");
            l.protocol = protocol(props.text("protocol", ""), props.bool("isEncrypted", false));
            if (props.bool("isPublicNetwork", false)) {
              l.tags.add("public-network");
            }
            l.at = cell;
            a.links.add(l);
          }
          case "tm.Boundary", "tm.BoundaryBox" -> {
            BoundaryDraft b = new BoundaryDraft();
            b.id = a.newId(foreign, name.isEmpty() ? "trust boundary" : name);
            b.title = name.isEmpty() ? b.id : name;
            b.description = props.text("description", "");
            a.boundaries.put(b.id, b);
            a.source(Kind.TRUST_BOUNDARY, b.id, cell);
            if (cell.text("shape", "").equals("trust-boundary-box")) {
              Tree.MapNode pos = cell.map("position");
              Tree.MapNode size = cell.map("size");
              boxes.add(
                  new Box(
                      b, num(pos, "x"), num(pos, "y"), num(size, "width"), num(size, "height")));
            }
          }
          default -> {
            // text blocks and other decorations carry no model content
          }
        }
      }
    }
    for (Placed p : placed) {
      Box best = null;
      for (Box b : boxes) {
        if (b.contains(p.x, p.y) && (best == null || b.area() < best.area())) {
          best = b;
        }
      }
      if (best != null) {
        best.boundary.inside.add(p.id);
      }
    }
    return a.build(
        summary.text("title", ""),
        summary.text("owner", ""),
        summary.text("description", ""),
        root);
  }

  private record Placed(String id, double x, double y) {}

  private record Box(BoundaryDraft boundary, double x, double y, double w, double h) {
    boolean contains(double px, double py) {
      return px >= x && px <= x + w && py >= y && py <= y + h;
    }

    double area() {
      return w * h;
    }
  }

  private static String shapeType(String shape) {
    return switch (shape) {
      case "actor" -> "tm.Actor";
      case "process" -> "tm.Process";
      case "store" -> "tm.Store";
      case "flow" -> "tm.Flow";
      case "trust-boundary-box" -> "tm.BoundaryBox";
      case "trust-boundary-curve", "trust-broundary-curve" -> "tm.Boundary";
      default -> "";
    };
  }

  private static String endpoint(Tree.MapNode cell, String key) throws ModelException {
    Tree.MapNode end = cell.map(key);
    String id = end.text("cell", null);
    return id != null ? id : end.text("id", "");
  }

  private static double num(Tree.MapNode m, String key) throws ModelException {
    String v = m.text(key, "0");
    try {
      return Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw m.get(key).error("expected a number, got '" + v + "'");
    }
  }

  static String protocol(String raw, boolean encrypted) {
    String p = raw.toLowerCase(Locale.ROOT).trim();
    if (p.contains("http")) {
      return encrypted || p.contains("https") || p.contains("http/s") ? "https" : "http";
    }
    if (p.isEmpty()) {
      return encrypted ? "binary-encrypted" : "unknown-protocol";
    }
    return p.replaceAll("[^a-z0-9]+", "-");
  }
}
