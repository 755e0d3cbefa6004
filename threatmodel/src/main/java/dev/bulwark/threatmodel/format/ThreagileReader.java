package dev.bulwark.threatmodel.format;

import dev.bulwark.threatmodel.model.CommunicationLink;
import dev.bulwark.threatmodel.model.Confidentiality;
import dev.bulwark.threatmodel.model.Criticality;
import dev.bulwark.threatmodel.model.DataAsset;
import dev.bulwark.threatmodel.model.Ids;
import dev.bulwark.threatmodel.model.RiskTracking;
import dev.bulwark.threatmodel.model.SharedRuntime;
import dev.bulwark.threatmodel.model.SourceRef;
import dev.bulwark.threatmodel.model.TechnicalAsset;
import dev.bulwark.threatmodel.model.ThreatModel;
import dev.bulwark.threatmodel.model.ThreatModel.Kind;
import dev.bulwark.threatmodel.model.TrustBoundary;
import dev.bulwark.threatmodel.tree.Documents;
import dev.bulwark.threatmodel.tree.ModelException;
import dev.bulwark.threatmodel.tree.Tree;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a Threagile YAML model, following {@code includes} (paths relative to the including file;
 * mappings are joined, lists appended, a key defined twice is an error naming both places).
 */
public final class ThreagileReader {
  private static final int MAX_INCLUDES = 200;

  private ThreagileReader() {}

  public static ThreatModel read(Path file) throws ModelException {
    Tree.MapNode root = resolve(file, new HashSet<>(), new HashSet<>(), new int[] {0});
    return fromTree(root);
  }

  /** True when the tree looks like a Threagile model. */
  static boolean looksLike(Tree.MapNode root) {
    return root.get("technical_assets") != null
        || root.get("threagile_version") != null
        || root.get("includes") != null
        || root.get("data_assets") != null;
  }

  private static Tree.MapNode resolve(Path file, Set<Path> stack, Set<Path> seen, int[] count)
      throws ModelException {
    Path norm = file.toAbsolutePath().normalize();
    seen.add(norm);
    if (!stack.add(norm)) {
      throw new ModelException(file.toString(), 1, "includes", "includes itself (a cycle)");
    }
    if (++count[0] > MAX_INCLUDES) {
      throw new ModelException(file.toString(), 1, "includes", "more than " + MAX_INCLUDES);
    }
    Tree.MapNode root = Documents.read(file).asMap();
    Map<String, Tree> entries = new LinkedHashMap<>(root.entries());
    Map<String, Integer> lines = new LinkedHashMap<>(root.keyLines());
    Tree inc = entries.remove("includes");
    lines.remove("includes");
    if (inc != null) {
      for (Tree item : root.list("includes").items()) {
        String name = item.asText();
        Path child = norm.getParent().resolve(name).normalize();
        if (!Files.isRegularFile(child)) {
          throw item.error("included file not found: " + name);
        }
        if (stack.contains(child)) {
          throw item.error("includes itself (a cycle through " + name + ")");
        }
        if (seen.contains(child)) {
          // a part included along two paths (Threagile's split example does this) counts once
          continue;
        }
        Tree.MapNode part = resolve(child, stack, seen, count);
        for (var e : part.entries().entrySet()) {
          entries.put(e.getKey(), join(entries.get(e.getKey()), e.getValue()));
          lines.putIfAbsent(e.getKey(), part.keyLine(e.getKey()));
        }
      }
    }
    stack.remove(norm);
    return new Tree.MapNode(root.file(), root.line(), root.path(), entries, lines);
  }

  private static Tree join(Tree a, Tree b) throws ModelException {
    if (a == null || a instanceof Tree.Scalar s && s.isNull()) {
      return b;
    }
    if (b instanceof Tree.Scalar s && s.isNull()) {
      return a;
    }
    if (a instanceof Tree.MapNode ma && b instanceof Tree.MapNode mb) {
      Map<String, Tree> entries = new LinkedHashMap<>(ma.entries());
      Map<String, Integer> lines = new LinkedHashMap<>(ma.keyLines());
      for (var e : mb.entries().entrySet()) {
        if (entries.containsKey(e.getKey())) {
          Tree first = entries.get(e.getKey());
          throw e.getValue().error("also defined in " + first.file() + ":" + first.line());
        }
        entries.put(e.getKey(), e.getValue());
        lines.put(e.getKey(), mb.keyLine(e.getKey()));
      }
      // members keep their own file; the joined mapping keeps the first one's place
      return new JoinedMap(ma, entries, lines).node();
    }
    if (a instanceof Tree.ListNode la && b instanceof Tree.ListNode lb) {
      List<Tree> items = new ArrayList<>(la.items());
      items.addAll(lb.items());
      return new Tree.ListNode(la.file(), la.line(), la.path(), items);
    }
    throw b.error("also defined in " + a.file() + ":" + a.line());
  }

  private record JoinedMap(
      Tree.MapNode first, Map<String, Tree> entries, Map<String, Integer> lines) {
    Tree.MapNode node() {
      return new Tree.MapNode(first.file(), first.line(), first.path(), entries, lines);
    }
  }

  static ThreatModel fromTree(Tree.MapNode root) throws ModelException {
    Map<String, SourceRef> sources = new LinkedHashMap<>();
    List<DataAsset> data = new ArrayList<>();
    Tree.MapNode dataMap = root.map("data_assets");
    for (var e : dataMap.entries().entrySet()) {
      Tree.MapNode m = e.getValue().asMap();
      String id = m.requireText("id");
      sources.put(ThreatModel.key(Kind.DATA_ASSET, id), ref(dataMap, e.getKey(), m));
      data.add(
          new DataAsset(
              id,
              m.text("title", e.getKey()),
              m.text("description", ""),
              m.text("usage", "business"),
              m.texts("tags"),
              m.text("origin", ""),
              m.text("owner", ""),
              m.text("quantity", "very-few"),
              confidentiality(m, "confidentiality"),
              criticality(m, "integrity"),
              criticality(m, "availability"),
              m.text("justification_cia_rating", "")));
    }
    List<TechnicalAsset> assets = new ArrayList<>();
    Tree.MapNode assetMap = root.map("technical_assets");
    for (var e : assetMap.entries().entrySet()) {
      Tree.MapNode m = e.getValue().asMap();
      String id = m.requireText("id");
      sources.put(ThreatModel.key(Kind.TECHNICAL_ASSET, id), ref(assetMap, e.getKey(), m));
      List<CommunicationLink> links = new ArrayList<>();
      Tree.MapNode linkMap = linksByTitle(m);
      for (var le : linkMap.entries().entrySet()) {
        Tree.MapNode l = le.getValue().asMap();
        String linkId = id + ">" + Ids.slug(le.getKey());
        sources.put(ThreatModel.key(Kind.COMMUNICATION_LINK, linkId), ref(linkMap, le.getKey(), l));
        links.add(
            new CommunicationLink(
                linkId,
                le.getKey(),
                id,
                l.text("target", null) != null
                    ? l.requireText("target")
                    : l.requireText("target_id"),
                l.text("description", ""),
                l.text("protocol", "unknown-protocol"),
                l.text("authentication", "none"),
                l.text("authorization", "none"),
                l.texts("tags"),
                l.bool("vpn", false),
                l.bool("ip_filtered", false),
                l.bool("readonly", false),
                l.text("usage", "business"),
                l.texts("data_assets_sent"),
                l.texts("data_assets_received")));
      }
      List<String> tech = technologies(m);
      if (tech.isEmpty()) {
        tech.addAll(m.texts("technology"));
      }
      if (tech.isEmpty()) {
        tech.add("unknown-technology");
      }
      assets.add(
          new TechnicalAsset(
              id,
              m.text("title", e.getKey()),
              m.text("description", ""),
              oneOf(m, "type", "process", "external-entity", "process", "datastore"),
              m.text("usage", "business"),
              m.bool("used_as_client_by_human", false),
              m.bool("out_of_scope", false),
              m.text("justification_out_of_scope", ""),
              m.text("size", "component"),
              tech,
              m.texts("tags"),
              m.bool("internet", false),
              m.text("machine", "virtual"),
              m.text("encryption", "none"),
              m.text("owner", ""),
              confidentiality(m, "confidentiality"),
              criticality(m, "integrity"),
              criticality(m, "availability"),
              m.text("justification_cia_rating", ""),
              m.bool("multi_tenant", false),
              m.bool("redundant", false),
              m.bool("custom_developed_parts", false),
              m.texts("data_assets_processed"),
              m.texts("data_assets_stored"),
              m.texts("data_formats_accepted"),
              links));
    }
    List<TrustBoundary> boundaries = new ArrayList<>();
    Tree.MapNode tbMap = root.map("trust_boundaries");
    for (var e : tbMap.entries().entrySet()) {
      Tree.MapNode m = e.getValue().asMap();
      String id = m.requireText("id");
      sources.put(ThreatModel.key(Kind.TRUST_BOUNDARY, id), ref(tbMap, e.getKey(), m));
      boundaries.add(
          new TrustBoundary(
              id,
              e.getKey(),
              m.text("description", ""),
              m.text("type", "network-on-prem"),
              m.texts("tags"),
              m.texts("technical_assets_inside"),
              m.texts("trust_boundaries_nested")));
    }
    List<SharedRuntime> runtimes = new ArrayList<>();
    Tree.MapNode srMap = root.map("shared_runtimes");
    for (var e : srMap.entries().entrySet()) {
      Tree.MapNode m = e.getValue().asMap();
      String id = m.requireText("id");
      sources.put(ThreatModel.key(Kind.SHARED_RUNTIME, id), ref(srMap, e.getKey(), m));
      runtimes.add(
          new SharedRuntime(
              id,
              e.getKey(),
              m.text("description", ""),
              m.texts("tags"),
              m.texts("technical_assets_running")));
    }
    List<RiskTracking> tracking = new ArrayList<>();
    for (var e : root.map("risk_tracking").entries().entrySet()) {
      Tree.MapNode m = e.getValue().asMap();
      String status = m.text("status", "unchecked");
      tracking.add(
          new RiskTracking(
              e.getKey(),
              RiskTracking.Status.parse(status).orElseThrow(() -> statusError(m, status)),
              m.text("justification", ""),
              m.text("ticket", ""),
              m.text("checked_by", ""),
              m.text("date", "")));
    }
    Tree.MapNode author = root.map("author");
    ThreatModel model =
        new ThreatModel(
            root.text("title", ""),
            author.text("name", ""),
            root.text("date", ""),
            root.text("business_criticality", "important"),
            root.map("business_overview").text("description", ""),
            root.texts("tags_available"),
            data,
            assets,
            boundaries,
            runtimes,
            tracking,
            sources);
    List<String> dangling = model.danglingReferences();
    if (!dangling.isEmpty()) {
      throw root.error(
          dangling.get(0)
              + (dangling.size() > 1 ? " (and " + (dangling.size() - 1) + " more)" : ""));
    }
    return model;
  }

  /**
   * Links keyed by title; Threagile's parsed-model JSON writes them as a list of objects with a
   * title instead.
   */
  private static Tree.MapNode linksByTitle(Tree.MapNode asset) throws ModelException {
    Tree t = asset.get("communication_links");
    if (!(t instanceof Tree.ListNode list)) {
      return asset.map("communication_links");
    }
    Map<String, Tree> entries = new LinkedHashMap<>();
    Map<String, Integer> lines = new LinkedHashMap<>();
    for (Tree item : list.items()) {
      String title = item.asMap().requireText("title");
      entries.put(title, item);
      lines.put(title, item.line());
    }
    return new Tree.MapNode(list.file(), list.line(), list.path(), entries, lines);
  }

  /** Technology names: a list of names, or of objects with a {@code Name} as parsed models hold. */
  private static List<String> technologies(Tree.MapNode m) throws ModelException {
    List<String> out = new ArrayList<>();
    for (Tree t : m.list("technologies").items()) {
      out.add(t instanceof Tree.MapNode o ? o.requireText("Name") : t.asText());
    }
    return out;
  }

  private static ModelException statusError(Tree.MapNode m, String status) {
    return m.get("status")
        .error(
            "unknown status '"
                + status
                + "' (unchecked, in-discussion, accepted, in-progress, mitigated, false-positive)");
  }

  private static SourceRef ref(Tree.MapNode parent, String key, Tree.MapNode value) {
    return new SourceRef(value.file(), parent.keyLine(key));
  }

  private static String oneOf(Tree.MapNode m, String key, String fallback, String... allowed)
      throws ModelException {
    String v = m.text(key, fallback);
    for (String a : allowed) {
      if (a.equals(v)) {
        return v;
      }
    }
    throw m.get(key).error("'" + v + "' is not one of " + String.join(", ", allowed));
  }

  static Confidentiality confidentiality(Tree.MapNode m, String key) throws ModelException {
    String v = m.text(key, "public");
    return Confidentiality.parse(v)
        .orElseThrow(() ->
            m.get(key)
                .error(
                    "unknown confidentiality '"
                        + v
                        + "' (public, internal, restricted, confidential, strictly-confidential)"));
  }

  static Criticality criticality(Tree.MapNode m, String key) throws ModelException {
    String v = m.text(key, "archive");
    return Criticality.parse(v)
        .orElseThrow(() ->
            m.get(key)
                .error(
                    "unknown "
                        + key
                        + " '"
                        + v
                        + "' (archive, operational, important, critical, mission-critical)"));
  }
}
