package dev.bulwark.threatmodel.format;

import dev.bulwark.threatmodel.model.CommunicationLink;
import dev.bulwark.threatmodel.model.Confidentiality;
import dev.bulwark.threatmodel.model.Criticality;
import dev.bulwark.threatmodel.model.DataAsset;
import dev.bulwark.threatmodel.model.Ids;
import dev.bulwark.threatmodel.model.SourceRef;
import dev.bulwark.threatmodel.model.TechnicalAsset;
import dev.bulwark.threatmodel.model.ThreatModel;
import dev.bulwark.threatmodel.model.ThreatModel.Kind;
import dev.bulwark.threatmodel.model.TrustBoundary;
import dev.bulwark.threatmodel.tree.ModelException;
import dev.bulwark.threatmodel.tree.Tree;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Collects the elements of a diagram-first format (Threat Dragon, OTM, TM-BOM), whose elements are
 * named by opaque ids, into a model with readable ids.
 */
final class Assembly {
  final Map<String, String> idOf = new HashMap<>();
  private final Set<String> used = new HashSet<>();
  final Map<String, AssetDraft> assets = new LinkedHashMap<>();
  final List<LinkDraft> links = new ArrayList<>();
  final Map<String, BoundaryDraft> boundaries = new LinkedHashMap<>();
  final List<DataAsset> data = new ArrayList<>();
  final Map<String, SourceRef> sources = new LinkedHashMap<>();

  private static final java.util.regex.Pattern READABLE =
      java.util.regex.Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
  private static final java.util.regex.Pattern UUID =
      java.util.regex.Pattern.compile(
          "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  /** A readable id: the format's own when it is one (not a UUID), else one made from the name. */
  String newId(String foreignId, String name) {
    if (READABLE.matcher(foreignId).matches()
        && !UUID.matcher(foreignId).matches()
        && used.add(foreignId)) {
      idOf.put(foreignId, foreignId);
      return foreignId;
    }
    String base = Ids.slug(name == null || name.isBlank() ? foreignId : name);
    String id = base;
    for (int i = 2; !used.add(id); i++) {
      id = base + "-" + i;
    }
    idOf.put(foreignId, id);
    return id;
  }

  static final class AssetDraft {
    String id;
    String title;
    String description = "";
    String type = "process";
    String technology = "unknown-technology";
    List<String> tags = new ArrayList<>();
    boolean outOfScope;
    String justificationOutOfScope = "";
    boolean internet;
    boolean humanClient;
    Confidentiality confidentiality = Confidentiality.INTERNAL;
    Criticality integrity = Criticality.OPERATIONAL;
    Criticality availability = Criticality.OPERATIONAL;
    List<String> processed = new ArrayList<>();
    List<String> stored = new ArrayList<>();
  }

  static final class LinkDraft {
    String foreignSource;
    String foreignTarget;
    String title;
    String description = "";
    String protocol = "unknown-protocol";
    String authentication = "none";
    List<String> tags = new ArrayList<>();
    List<String> sent = new ArrayList<>();
    Tree at;
  }

  static final class BoundaryDraft {
    String id;
    String title;
    String description = "";
    String type = "network-on-prem";
    List<String> inside = new ArrayList<>();
    List<String> nested = new ArrayList<>();
  }

  void source(Kind kind, String id, Tree at) {
    sources.put(ThreatModel.key(kind, id), new SourceRef(at.file(), at.line()));
  }

  /** Technology names as Threagile spells them, guessed from a component's type. */
  static String technology(String type) {
    String t = type == null ? "" : type.toLowerCase(Locale.ROOT);
    if (t.contains("browser") || t.contains("web-client")) {
      return "browser";
    }
    if (t.contains("sql") || t.contains("database") || t.contains("mongo") || t.contains("db")) {
      return "database";
    }
    if (t.contains("queue") || t.contains("kafka")) {
      return "message-queue";
    }
    if (t.contains("web-service") || t.contains("api")) {
      return "web-service-rest";
    }
    if (t.contains("lambda") || t.contains("function")) {
      return "function";
    }
    if (t.contains("server")) {
      return "web-server";
    }
    return "unknown-technology";
  }

  ThreatModel build(String title, String author, String description, Tree root)
      throws ModelException {
    Map<String, List<CommunicationLink>> out = new HashMap<>();
    Map<String, Integer> perPair = new HashMap<>();
    for (LinkDraft l : links) {
      String s = idOf.get(l.foreignSource);
      String t = idOf.get(l.foreignTarget);
      if (s == null || t == null || !assets.containsKey(s) || !assets.containsKey(t)) {
        // a flow drawn loose in the editor connects nothing; it is not part of the model
        continue;
      }
      String linkTitle = l.title == null || l.title.isBlank() ? "flow to " + t : l.title;
      String id = s + ">" + Ids.slug(linkTitle);
      int n = perPair.merge(id, 1, Integer::sum);
      if (n > 1) {
        linkTitle = linkTitle + " " + n;
        id = s + ">" + Ids.slug(linkTitle);
      }
      if (l.at != null) {
        source(Kind.COMMUNICATION_LINK, id, l.at);
      }
      out.computeIfAbsent(s, k -> new ArrayList<>())
          .add(
              new CommunicationLink(
                  id,
                  linkTitle,
                  s,
                  t,
                  l.description,
                  l.protocol,
                  l.authentication,
                  "none",
                  l.tags,
                  false,
                  false,
                  false,
                  "business",
                  l.sent,
                  List.of()));
    }
    List<TechnicalAsset> ta = new ArrayList<>();
    for (AssetDraft a : assets.values()) {
      ta.add(
          new TechnicalAsset(
              a.id,
              a.title,
              a.description,
              a.type,
              "business",
              a.humanClient,
              a.outOfScope,
              a.justificationOutOfScope,
              "component",
              List.of(a.technology),
              a.tags,
              a.internet,
              "virtual",
              "none",
              "",
              a.confidentiality,
              a.integrity,
              a.availability,
              "",
              false,
              false,
              a.type.equals("process"),
              a.processed,
              a.stored,
              List.of(),
              out.getOrDefault(a.id, List.of())));
    }
    List<TrustBoundary> tb = new ArrayList<>();
    for (BoundaryDraft b : boundaries.values()) {
      tb.add(
          new TrustBoundary(b.id, b.title, b.description, b.type, List.of(), b.inside, b.nested));
    }
    ThreatModel m =
        new ThreatModel(
            title,
            author,
            "",
            "important",
            description,
            List.of(),
            data,
            ta,
            tb,
            List.of(),
            List.of(),
            sources);
    List<String> dangling = m.danglingReferences();
    if (!dangling.isEmpty()) {
      throw root.error(dangling.get(0));
    }
    return m;
  }
}
