package dev.bulwark.threatmodel.diagram;

import dev.bulwark.threatmodel.model.CommunicationLink;
import dev.bulwark.threatmodel.model.TechnicalAsset;
import dev.bulwark.threatmodel.model.ThreatModel;
import dev.bulwark.threatmodel.model.TrustBoundary;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
    StringBuilder b = new StringBuilder();
    b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
        .append(width)
        .append("\" height=\"")
        .append(height)
        .append("\" viewBox=\"0 0 ")
        .append(width)
        .append(' ')
        .append(height)
        .append("\" font-family=\"Helvetica, Arial, sans-serif\">\n");
    b.append("<title>").append(esc(m.title())).append("</title>\n");
    b.append(
        "<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#333\"/></marker></defs>\n");
    b.append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
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
      b.append(
          String.format(
              Locale.ROOT,
              "<g class=\"cluster\" id=\"%s\"><rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" rx=\"6\" fill=\"none\" stroke=\"#1f618d\" stroke-dasharray=\"%s\"/><text x=\"%d\" y=\"%d\" font-size=\"11\" fill=\"#1f618d\">%s</text></g>%n",
              esc("cluster_" + t.id()),
              x0 - 12,
              y0 - 22,
              x1 - x0 + 24,
              y1 - y0 + 34,
              t.isNetwork() ? "6,3" : "2,2",
              x0 - 8,
              y0 - 8,
              esc(t.title())));
    }
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
      String color = Dot.encrypted(l) ? "#333333" : "#b03a2e";
      b.append(
          String.format(
              Locale.ROOT,
              "<g class=\"edge\"><title>%s</title><path d=\"M%d,%d C%d,%d %d,%d %d,%d\" fill=\"none\" stroke=\"%s\" marker-end=\"url(#arrow)\"/><text x=\"%d\" y=\"%d\" font-size=\"8\" fill=\"%s\">%s</text></g>%n",
              esc(l.title()),
              sx,
              sy,
              (sx + tx) / 2,
              sy,
              (sx + tx) / 2,
              ty,
              tx,
              ty,
              color,
              (sx + tx) / 2 - 20,
              (sy + ty) / 2 - 3,
              color,
              esc(l.protocol())));
    }
    for (TechnicalAsset a : assets) {
      int[] p = pos.get(a.id());
      String fill = a.outOfScope() ? "#eeeeee" : "#ffffff";
      String shape =
          switch (a.type()) {
            case "datastore" ->
                String.format(
                    Locale.ROOT,
                    "<path d=\"M%d,%d v%d a%d,8 0 0 0 %d,0 v-%d a%d,8 0 0 0 -%d,0 a%d,8 0 0 0 %d,0\" fill=\"%s\" stroke=\"#333\"/>",
                    p[0],
                    p[1] + 8,
                    H - 16,
                    W / 2,
                    W,
                    H - 16,
                    W / 2,
                    W,
                    W / 2,
                    W,
                    fill);
            case "external-entity" ->
                String.format(
                    Locale.ROOT,
                    "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\" stroke=\"#333\"/>",
                    p[0],
                    p[1],
                    W,
                    H,
                    fill);
            default ->
                String.format(
                    Locale.ROOT,
                    "<ellipse cx=\"%d\" cy=\"%d\" rx=\"%d\" ry=\"%d\" fill=\"%s\" stroke=\"#333\"/>",
                    p[0] + W / 2,
                    p[1] + H / 2,
                    W / 2,
                    H / 2,
                    fill);
          };
      b.append(
          String.format(
              Locale.ROOT,
              "<g class=\"node\" id=\"%s\"><title>%s</title>%s<text x=\"%d\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\">%s</text><text x=\"%d\" y=\"%d\" font-size=\"8\" fill=\"#555\" text-anchor=\"middle\">%s</text></g>%n",
              esc(a.id()),
              esc(a.title()),
              shape,
              p[0] + W / 2,
              p[1] + H / 2,
              esc(cut(a.title())),
              p[0] + W / 2,
              p[1] + H / 2 + 12,
              esc(cut(String.join(", ", a.technologies())))));
    }
    return b.append("</svg>\n").toString();
  }

  private static String cut(String s) {
    return s.length() > 28 ? s.substring(0, 27) + "…" : s;
  }

  static String esc(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
