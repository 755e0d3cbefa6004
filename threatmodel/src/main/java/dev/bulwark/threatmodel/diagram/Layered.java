package dev.bulwark.threatmodel.diagram;

import dev.bulwark.core.html.HtmlTemplates;
import dev.bulwark.threatmodel.model.CommunicationLink;
import dev.bulwark.threatmodel.model.TechnicalAsset;
import dev.bulwark.threatmodel.model.ThreatModel;
import dev.bulwark.threatmodel.model.TrustBoundary;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A built-in layered layout for machines without Graphviz: assets in columns by the longest chain
 * of links leading to them (cycles cut at a bound), grouped by trust boundary inside a column, and
 * each boundary drawn as the box around its assets.
 */
public final class Layered {
  private static final int W = 170;
  private static final int H = 46;
  private static final int COL = 250;
  private static final int ROW = 74;
  private static final int MARGIN = 40;

  private Layered() {}

  public static String svg(ThreatModel m) {
    List<TechnicalAsset> assets = m.technicalAssets();
    Map<String, Integer> layer = new HashMap<>();
    assets.forEach(a -> layer.put(a.id(), 0));
    // longest-path layering; n rounds bound the work and cut cycles
    for (int round = 0; round < assets.size(); round++) {
      boolean changed = false;
      for (CommunicationLink l : m.links()) {
        int want = layer.getOrDefault(l.sourceId(), 0) + 1;
        if (want > layer.getOrDefault(l.targetId(), 0) && want < assets.size()) {
          layer.put(l.targetId(), want);
          changed = true;
        }
      }
      if (!changed) {
        break;
      }
    }
    Map<String, String> boundaryOf = new HashMap<>();
    for (TrustBoundary t : m.trustBoundaries()) {
      t.assetsInside().forEach(a -> boundaryOf.putIfAbsent(a, t.id()));
    }
    Map<Integer, List<TechnicalAsset>> columns = new java.util.TreeMap<>();
    for (TechnicalAsset a : assets) {
      columns.computeIfAbsent(layer.get(a.id()), k -> new ArrayList<>()).add(a);
    }
    Map<String, int[]> pos = new LinkedHashMap<>();
    int maxRows = 0;
    // columns are numbered densely: layers a cycle skipped leave no empty gap
    int column = 0;
    for (var e : columns.entrySet()) {
      List<TechnicalAsset> col = new ArrayList<>(e.getValue());
      col.sort(
          java.util.Comparator.comparing(
              (TechnicalAsset a) -> boundaryOf.getOrDefault(a.id(), "~")));
      for (int i = 0; i < col.size(); i++) {
        pos.put(col.get(i).id(), new int[] {MARGIN + column * COL, MARGIN + 20 + i * ROW});
      }
      maxRows = Math.max(maxRows, col.size());
      column++;
    }
    int width = MARGIN * 2 + Math.max(1, columns.size()) * COL;
    int height = MARGIN * 2 + 40 + maxRows * ROW;
    List<Cluster> clusters = new ArrayList<>();
    for (TrustBoundary t : m.trustBoundaries()) {
      int x0 = Integer.MAX_VALUE;
      int y0 = Integer.MAX_VALUE;
      int x1 = Integer.MIN_VALUE;
      int y1 = Integer.MIN_VALUE;
      for (String id : t.assetsInside()) {
        int[] p = pos.get(id);
        if (p != null) {
          x0 = Math.min(x0, p[0]);
          y0 = Math.min(y0, p[1]);
          x1 = Math.max(x1, p[0] + W);
          y1 = Math.max(y1, p[1] + H);
        }
      }
      if (x0 == Integer.MAX_VALUE) {
        continue;
      }
      clusters.add(
          new Cluster(
              "cluster_" + t.id(),
              x0 - 12,
              y0 - 22,
              x1 - x0 + 24,
              y1 - y0 + 34,
              t.isNetwork() ? "6,3" : "2,2",
              t.title()));
    }
    List<Edge> edges = new ArrayList<>();
    for (CommunicationLink l : m.links()) {
      int[] s = pos.get(l.sourceId());
      int[] t = pos.get(l.targetId());
      if (s == null || t == null) {
        continue;
      }
      int sx = s[0] + W;
      int sy = s[1] + H / 2;
      int tx = t[0];
      int ty = t[1] + H / 2;
      if (t[0] <= s[0]) {
        sx = s[0] + W / 2;
        sy = s[1] + H;
        tx = t[0] + W / 2;
        ty = t[1] + H;
      }
      edges.add(
          new Edge(
              l.title(),
              sx,
              sy,
              (sx + tx) / 2,
              tx,
              ty,
              Dot.encrypted(l) ? "#333333" : "#b03a2e",
              l.protocol()));
    }
    List<Node> nodes = new ArrayList<>();
    for (TechnicalAsset a : assets) {
      int[] p = pos.get(a.id());
      nodes.add(
          new Node(
              a.id(),
              a.title(),
              a.type(),
              p[0],
              p[1],
              W,
              H,
              a.outOfScope() ? "#eeeeee" : "#ffffff",
              cut(a.title()),
              cut(String.join(", ", a.technologies()))));
    }
    return TEMPLATES.render(
        "layered.jte", new Drawing(m.title(), width, height, clusters, edges, nodes));
  }

  private static final HtmlTemplates TEMPLATES =
      HtmlTemplates.of(Layered.class, "dev.bulwark.threatmodel.diagram");

  /** What {@code layered.jte} draws, every place worked out here. */
  record Drawing(
      String title,
      int width,
      int height,
      List<Cluster> clusters,
      List<Edge> edges,
      List<Node> nodes) {}

  /** A trust boundary: the box around its assets. */
  record Cluster(String id, int x, int y, int width, int height, String dash, String title) {}

  /** A link: a curve from source to target ({@code mx} the middle), labelled with its protocol. */
  record Edge(
      String title, int sx, int sy, int mx, int tx, int ty, String color, String protocol) {}

  /** An asset: its shape by type at (x, y), w by h, with its title and technologies. */
  record Node(
      String id,
      String title,
      String type,
      int x,
      int y,
      int w,
      int h,
      String fill,
      String label,
      String technologies) {}

  private static String cut(String s) {
    return s.length() > 28 ? s.substring(0, 27) + "…" : s;
  }
}
