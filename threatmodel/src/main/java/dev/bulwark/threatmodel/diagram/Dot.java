package dev.bulwark.threatmodel.diagram;

import dev.bulwark.threatmodel.model.CommunicationLink;
import dev.bulwark.threatmodel.model.TechnicalAsset;
import dev.bulwark.threatmodel.model.ThreatModel;
import dev.bulwark.threatmodel.model.TrustBoundary;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The data-flow diagram as Graphviz DOT: technical assets as nodes shaped by type (external
 * entities boxes, processes ellipses, datastores cylinders), links as labelled edges, trust
 * boundaries as nested clusters.
 */
public final class Dot {
  private Dot() {}

  public static String of(ThreatModel m) {
    StringBuilder b = new StringBuilder();
    b.append("digraph dfd {\n");
    b.append(
        "  graph [rankdir=LR, fontname=\"Helvetica\", fontsize=11, nodesep=0.4, ranksep=0.8];\n");
    b.append(
        "  node [fontname=\"Helvetica\", fontsize=10, style=filled, fillcolor=\"#ffffff\"];\n");
    b.append("  edge [fontname=\"Helvetica\", fontsize=8];\n");
    Map<String, TrustBoundary> byId = new HashMap<>();
    Set<String> nested = new HashSet<>();
    for (TrustBoundary t : m.trustBoundaries()) {
      byId.put(t.id(), t);
      nested.addAll(t.boundariesNested());
    }
    Set<String> placed = new HashSet<>();
    Set<String> drawn = new HashSet<>();
    for (TrustBoundary t : m.trustBoundaries()) {
      if (!nested.contains(t.id())) {
        cluster(b, m, t, byId, placed, drawn, 1);
      }
    }
    for (TechnicalAsset a : m.technicalAssets()) {
      if (!placed.contains(a.id())) {
        node(b, a, 1);
      }
    }
    for (CommunicationLink l : m.links()) {
      b.append("  ")
          .append(q(l.sourceId()))
          .append(" -> ")
          .append(q(l.targetId()))
          .append(" [label=")
          .append(q(l.protocol()))
          .append(", tooltip=")
          .append(q(l.title()))
          .append(encrypted(l) ? "" : ", color=\"#b03a2e\"")
          .append("];\n");
    }
    return b.append("}\n").toString();
  }

  static boolean encrypted(CommunicationLink l) {
    return l.vpn()
        || l.protocol().endsWith("-encrypted")
        || Set.of("https", "wss", "ssh", "ssh-tunnel", "sftp", "ftps", "scp", "ldaps")
            .contains(l.protocol())
        || Set.of("in-process-library-call", "in-memory", "local-file-access", "container-spawning")
            .contains(l.protocol());
  }

  private static void cluster(
      StringBuilder b,
      ThreatModel m,
      TrustBoundary t,
      Map<String, TrustBoundary> byId,
      Set<String> placed,
      Set<String> drawn,
      int depth) {
    if (!drawn.add(t.id()) || depth > 20) {
      return;
    }
    String pad = "  ".repeat(depth);
    b.append(pad).append("subgraph ").append(q("cluster_" + t.id())).append(" {\n");
    b.append(pad)
        .append("  label=")
        .append(q(t.title()))
        .append("; style=")
        .append(t.isNetwork() ? "dashed" : "dotted")
        .append("; color=\"#1f618d\";\n");
    for (String id : t.assetsInside()) {
      m.asset(id).filter(a -> placed.add(a.id())).ifPresent(a -> node(b, a, depth + 1));
    }
    for (String n : t.boundariesNested()) {
      TrustBoundary inner = byId.get(n);
      if (inner != null) {
        cluster(b, m, inner, byId, placed, drawn, depth + 1);
      }
    }
    b.append(pad).append("}\n");
  }

  private static void node(StringBuilder b, TechnicalAsset a, int depth) {
    String shape =
        switch (a.type()) {
          case "external-entity" -> "box";
          case "datastore" -> "cylinder";
          default -> "ellipse";
        };
    b.append("  ".repeat(depth))
        .append(q(a.id()))
        .append(" [label=")
        .append(q(a.title() + "\n" + String.join(", ", a.technologies())))
        .append(", shape=")
        .append(shape)
        .append(a.outOfScope() ? ", style=\"filled,dashed\", fillcolor=\"#eeeeee\"" : "")
        .append("];\n");
  }

  static String q(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }
}
