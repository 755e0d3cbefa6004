package dev.bulwark.threatmodel.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.core.text.HtmlText;
import dev.bulwark.threatmodel.model.CommunicationLink;
import dev.bulwark.threatmodel.model.DataAsset;
import dev.bulwark.threatmodel.model.TechnicalAsset;
import dev.bulwark.threatmodel.model.ThreatModel;
import dev.bulwark.threatmodel.model.ThreatModel.Kind;
import dev.bulwark.threatmodel.rules.Risk;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * One section per technical asset: what it is (type, technologies, trust boundary, its {@code
 * path:}/{@code component:} marks), the data assets it processes, stores, sends and receives, its
 * incoming and outgoing links, and the risks raised on it and on those links with their status and
 * evidence. Assets come worst first — by their worst open risk, then by how many are open — and so
 * do the risks inside each: open before closed, then by severity.
 */
public record AssetReport(String modelTitle, List<Entry> assets) {
  public AssetReport {
    assets = List.copyOf(assets);
  }

  /** An element named by its id and title. */
  public record Named(String id, String title) {}

  /** A link as one of its two ends sees it: the asset at the other end and the data it carries. */
  public record Link(
      String id,
      String title,
      Named peer,
      String protocol,
      String authentication,
      List<Named> dataSent,
      List<Named> dataReceived) {
    public Link {
      dataSent = List.copyOf(dataSent);
      dataReceived = List.copyOf(dataReceived);
    }
  }

  /**
   * A risk on the asset, or on one of its links ({@code on} names the link; empty when the risk is
   * raised on the asset itself).
   */
  public record Row(
      String id,
      String ruleId,
      String title,
      String on,
      String severity,
      String likelihood,
      String impact,
      String status,
      boolean open,
      List<Risk.Evidence> evidence) {
    public Row {
      evidence = List.copyOf(evidence);
    }
  }

  /** One technical asset's section. */
  public record Entry(
      String id,
      String title,
      String type,
      List<String> technologies,
      List<Named> trustBoundaries,
      List<String> marks,
      List<Named> processed,
      List<Named> stored,
      List<Named> sent,
      List<Named> received,
      List<Link> incoming,
      List<Link> outgoing,
      List<Row> risks) {
    public Entry {
      technologies = List.copyOf(technologies);
      trustBoundaries = List.copyOf(trustBoundaries);
      marks = List.copyOf(marks);
      processed = List.copyOf(processed);
      stored = List.copyOf(stored);
      sent = List.copyOf(sent);
      received = List.copyOf(received);
      incoming = List.copyOf(incoming);
      outgoing = List.copyOf(outgoing);
      risks = List.copyOf(risks);
    }

    public int open() {
      return (int) risks.stream().filter(Row::open).count();
    }

    /** The worst severity among the open risks, empty when none is open. */
    public String worstOpen() {
      String worst = "";
      for (Row r : risks) {
        if (r.open()
            && PublishedCheck.severityRank(r.severity()) > PublishedCheck.severityRank(worst)) {
          worst = r.severity();
        }
      }
      return worst;
    }
  }

  public static AssetReport of(ThreatModel model, List<Risk> risks) {
    // the roles come from the data-asset matrix, so both outputs always agree on them
    DataAssetMatrix roles = DataAssetMatrix.of(model, List.of());
    Function<String, Named> data =
        id -> new Named(id, model.dataAsset(id).map(DataAsset::title).orElse(id));
    Function<String, Named> asset =
        id -> new Named(id, model.asset(id).map(TechnicalAsset::title).orElse(id));
    List<Entry> entries = new ArrayList<>();
    List<TechnicalAsset> assets = model.technicalAssets();
    for (int col = 0; col < assets.size(); col++) {
      TechnicalAsset a = assets.get(col);
      List<Named> processed = a.dataProcessed().stream().map(data).toList();
      List<Named> stored = a.dataStored().stream().map(data).toList();
      List<Named> sent = new ArrayList<>();
      List<Named> received = new ArrayList<>();
      for (DataAssetMatrix.Line line : roles.lines()) {
        DataAssetMatrix.Cell cell = line.cells().get(col);
        if (cell.sent()) {
          sent.add(new Named(line.id(), line.title()));
        }
        if (cell.received()) {
          received.add(new Named(line.id(), line.title()));
        }
      }
      List<Link> incoming = new ArrayList<>();
      List<Link> outgoing = new ArrayList<>();
      List<String> linkIds = new ArrayList<>();
      for (CommunicationLink l : model.links()) {
        boolean from = l.sourceId().equals(a.id());
        boolean to = l.targetId().equals(a.id());
        if (from) {
          outgoing.add(link(l, asset.apply(l.targetId()), data));
        }
        if (to) {
          incoming.add(link(l, asset.apply(l.sourceId()), data));
        }
        if (from || to) {
          linkIds.add(l.id());
        }
      }
      List<Row> rows = new ArrayList<>();
      for (Risk r : risks) {
        boolean onAsset = r.kind() == Kind.TECHNICAL_ASSET && r.elementId().equals(a.id());
        boolean onLink = r.kind() == Kind.COMMUNICATION_LINK && linkIds.contains(r.elementId());
        if (onAsset || onLink) {
          rows.add(
              new Row(
                  r.syntheticId(),
                  r.rule().id(),
                  r.rule().title(),
                  onLink ? r.elementTitle() : "",
                  r.severity(),
                  r.likelihood(),
                  r.impact(),
                  r.status().label(),
                  r.status().open(),
                  r.evidence()));
        }
      }
      rows.sort(
          Comparator.comparing((Row r) -> !r.open())
              .thenComparing(r -> -PublishedCheck.severityRank(r.severity()))
              .thenComparing(Row::id));
      List<Named> boundaries =
          model.trustBoundaries().stream()
              .filter(b -> b.assetsInside().contains(a.id()))
              .map(b -> new Named(b.id(), b.title()))
              .toList();
      List<String> marks =
          a.tags().stream()
              .filter(t -> t.startsWith("path:") || t.startsWith("component:"))
              .toList();
      entries.add(
          new Entry(
              a.id(),
              a.title(),
              a.type(),
              a.technologies(),
              boundaries,
              marks,
              processed,
              stored,
              sent,
              received,
              incoming,
              outgoing,
              rows));
    }
    // worst first; the model's order among equals (the sort is stable)
    entries.sort(
        Comparator.comparing((Entry e) -> -PublishedCheck.severityRank(e.worstOpen()))
            .thenComparing(e -> -e.open())
            .thenComparing(e -> -e.risks().size()));
    return new AssetReport(model.title(), entries);
  }

  private static Link link(CommunicationLink l, Named peer, Function<String, Named> data) {
    return new Link(
        l.id(),
        l.title(),
        peer,
        l.protocol(),
        l.authentication(),
        l.dataSent().stream().map(data).toList(),
        l.dataReceived().stream().map(data).toList());
  }

  /** Risk counts of an entry, as its heading gives them. */
  private static String counts(Entry e) {
    String worst = e.worstOpen();
    return e.open()
        + "/"
        + e.risks().size()
        + " risks open"
        + (worst.isEmpty() ? "" : ", worst " + worst);
  }

  private static String titles(List<Named> named) {
    return named.isEmpty() ? "none" : String.join(", ", named.stream().map(Named::title).toList());
  }

  private static String listed(List<String> items) {
    return items.isEmpty() ? "none" : String.join(", ", items);
  }

  private static final String LEGEND =
      "Technical assets worst first (by worst open risk, then open risks). Risks on an asset"
          + " include those on its links; open ones first. Evidence cites the scan findings by"
          + " fingerprint.";

  public String markdown() {
    StringBuilder b = new StringBuilder("# Risks per technical asset");
    if (!modelTitle.isBlank()) {
      b.append(": ").append(DataAssetMatrix.md(modelTitle));
    }
    b.append("\n\n").append(LEGEND).append('\n');
    for (Entry e : assets) {
      b.append("\n## ")
          .append(DataAssetMatrix.md(e.title()))
          .append(" (")
          .append(DataAssetMatrix.md(e.id()))
          .append(") — ")
          .append(counts(e))
          .append("\n\n");
      item(b, "type", e.type());
      item(b, "technologies", listed(e.technologies()));
      item(b, "trust boundary", titles(e.trustBoundaries()));
      item(b, "marks", listed(e.marks()));
      item(b, "processes", titles(e.processed()));
      item(b, "stores", titles(e.stored()));
      item(b, "sends", titles(e.sent()));
      item(b, "receives", titles(e.received()));
      linksMarkdown(b, "Incoming links", "from", e.incoming());
      linksMarkdown(b, "Outgoing links", "to", e.outgoing());
      b.append("\n### Risks\n\n");
      if (e.risks().isEmpty()) {
        b.append("none\n");
        continue;
      }
      b.append("| severity | status | risk | on link | likelihood | impact | evidence |\n")
          .append("|---|---|---|---|---|---|---|\n");
      for (Row r : e.risks()) {
        b.append("| ")
            .append(r.severity())
            .append(" | ")
            .append(r.status())
            .append(" | ")
            .append(DataAssetMatrix.md(r.title()))
            .append(" (")
            .append(DataAssetMatrix.md(r.ruleId()))
            .append(") | ")
            .append(DataAssetMatrix.md(r.on()))
            .append(" | ")
            .append(r.likelihood())
            .append(" | ")
            .append(r.impact())
            .append(" | ")
            .append(
                DataAssetMatrix.md(
                    String.join(
                        "; ", r.evidence().stream().map(RiskFindings::evidenceText).toList())))
            .append(" |\n");
      }
    }
    return b.toString();
  }

  private static void item(StringBuilder b, String name, String value) {
    b.append("- ").append(name).append(": ").append(DataAssetMatrix.md(value)).append('\n');
  }

  private static void linksMarkdown(
      StringBuilder b, String heading, String peer, List<Link> links) {
    b.append("\n### ").append(heading).append("\n\n");
    if (links.isEmpty()) {
      b.append("none\n");
      return;
    }
    b.append("| link | ")
        .append(peer)
        .append(" | protocol | authentication | sends | receives |\n")
        .append("|---|---|---|---|---|---|\n");
    for (Link l : links) {
      b.append("| ")
          .append(DataAssetMatrix.md(l.title()))
          .append(" | ")
          .append(DataAssetMatrix.md(l.peer().title()))
          .append(" | ")
          .append(DataAssetMatrix.md(l.protocol()))
          .append(" | ")
          .append(DataAssetMatrix.md(l.authentication()))
          .append(" | ")
          .append(DataAssetMatrix.md(titles(l.dataSent())))
          .append(" | ")
          .append(DataAssetMatrix.md(titles(l.dataReceived())))
          .append(" |\n");
    }
  }

  public String html() {
    StringBuilder b =
        new StringBuilder("<div class=\"asset-report\">\n<h1>Risks per technical asset");
    if (!modelTitle.isBlank()) {
      b.append(": ").append(HtmlText.escape(modelTitle));
    }
    b.append("</h1>\n<p>").append(HtmlText.escape(LEGEND)).append("</p>\n");
    for (Entry e : assets) {
      b.append("<section id=\"asset-")
          .append(HtmlText.escape(e.id()))
          .append("\">\n<h2>")
          .append(HtmlText.escape(e.title()))
          .append(" <small>")
          .append(HtmlText.escape(e.id()))
          .append(" — ")
          .append(HtmlText.escape(counts(e)))
          .append("</small></h2>\n<dl>\n");
      dd(b, "type", e.type());
      dd(b, "technologies", listed(e.technologies()));
      dd(b, "trust boundary", titles(e.trustBoundaries()));
      dd(b, "marks", listed(e.marks()));
      dd(b, "processes", titles(e.processed()));
      dd(b, "stores", titles(e.stored()));
      dd(b, "sends", titles(e.sent()));
      dd(b, "receives", titles(e.received()));
      b.append("</dl>\n");
      linksHtml(b, "Incoming links", "from", e.incoming());
      linksHtml(b, "Outgoing links", "to", e.outgoing());
      b.append("<h3>Risks</h3>\n");
      if (e.risks().isEmpty()) {
        b.append("<p>none</p>\n</section>\n");
        continue;
      }
      b.append(
          "<table class=\"risks\">\n<thead><tr><th>severity</th><th>status</th><th>risk</th>"
              + "<th>on link</th><th>likelihood</th><th>impact</th><th>evidence</th></tr></thead>\n"
              + "<tbody>\n");
      for (Row r : e.risks()) {
        b.append("<tr class=\"")
            .append(HtmlText.escape(r.open() ? r.severity() : "closed"))
            .append("\" title=\"")
            .append(HtmlText.escape(r.id()))
            .append("\"><td>")
            .append(HtmlText.escape(r.severity()))
            .append("</td><td>")
            .append(HtmlText.escape(r.status()))
            .append("</td><td>")
            .append(HtmlText.escape(r.title()))
            .append(" <small>")
            .append(HtmlText.escape(r.ruleId()))
            .append("</small></td><td>")
            .append(HtmlText.escape(r.on()))
            .append("</td><td>")
            .append(HtmlText.escape(r.likelihood()))
            .append("</td><td>")
            .append(HtmlText.escape(r.impact()))
            .append("</td><td>");
        for (Risk.Evidence ev : r.evidence()) {
          b.append("<div>").append(HtmlText.escape(RiskFindings.evidenceText(ev))).append("</div>");
        }
        b.append("</td></tr>\n");
      }
      b.append("</tbody>\n</table>\n</section>\n");
    }
    b.append("</div>\n");
    return b.toString();
  }

  private static void dd(StringBuilder b, String name, String value) {
    b.append("<dt>")
        .append(HtmlText.escape(name))
        .append("</dt><dd>")
        .append(HtmlText.escape(value))
        .append("</dd>\n");
  }

  private static void linksHtml(StringBuilder b, String heading, String peer, List<Link> links) {
    b.append("<h3>").append(heading).append("</h3>\n");
    if (links.isEmpty()) {
      b.append("<p>none</p>\n");
      return;
    }
    b.append("<table class=\"links\">\n<thead><tr><th>link</th><th>")
        .append(peer)
        .append("</th><th>protocol</th><th>authentication</th><th>sends</th><th>receives</th>")
        .append("</tr></thead>\n<tbody>\n");
    for (Link l : links) {
      b.append("<tr title=\"")
          .append(HtmlText.escape(l.id()))
          .append("\"><td>")
          .append(HtmlText.escape(l.title()))
          .append("</td><td>")
          .append(HtmlText.escape(l.peer().title()))
          .append("</td><td>")
          .append(HtmlText.escape(l.protocol()))
          .append("</td><td>")
          .append(HtmlText.escape(l.authentication()))
          .append("</td><td>")
          .append(HtmlText.escape(titles(l.dataSent())))
          .append("</td><td>")
          .append(HtmlText.escape(titles(l.dataReceived())))
          .append("</td></tr>\n");
    }
    b.append("</tbody>\n</table>\n");
  }

  public String json() {
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = json.createObjectNode().put("model", modelTitle);
    ArrayNode out = root.putArray("technicalAssets");
    for (Entry e : assets) {
      ObjectNode a =
          out.addObject()
              .put("id", e.id())
              .put("title", e.title())
              .put("type", e.type())
              .put("open", e.open())
              .put("total", e.risks().size());
      if (!e.worstOpen().isEmpty()) {
        a.put("worstOpen", e.worstOpen());
      }
      e.technologies().forEach(a.putArray("technologies")::add);
      named(a.putArray("trustBoundaries"), e.trustBoundaries());
      e.marks().forEach(a.putArray("marks")::add);
      named(a.putArray("processed"), e.processed());
      named(a.putArray("stored"), e.stored());
      named(a.putArray("sent"), e.sent());
      named(a.putArray("received"), e.received());
      linksJson(a.putArray("incoming"), "from", e.incoming());
      linksJson(a.putArray("outgoing"), "to", e.outgoing());
      ArrayNode rs = a.putArray("risks");
      for (Row r : e.risks()) {
        ObjectNode o =
            rs.addObject()
                .put("id", r.id())
                .put("rule", r.ruleId())
                .put("title", r.title())
                .put("severity", r.severity())
                .put("likelihood", r.likelihood())
                .put("impact", r.impact())
                .put("status", r.status())
                .put("open", r.open());
        if (!r.on().isEmpty()) {
          o.put("onLink", r.on());
        }
        ArrayNode ev = o.putArray("evidence");
        for (Risk.Evidence x : r.evidence()) {
          ObjectNode n =
              ev.addObject()
                  .put("effect", x.effect().name().toLowerCase(java.util.Locale.ROOT))
                  .put("rule", x.ruleId())
                  .put("location", x.location())
                  .put("why", x.why());
          if (!x.fingerprint().isEmpty()) {
            n.put("fingerprint", x.fingerprint());
          }
        }
      }
    }
    try {
      return json.writeValueAsString(root) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
      throw new IllegalStateException("asset report as JSON", ex);
    }
  }

  private static void named(ArrayNode into, List<Named> named) {
    named.forEach(n -> into.addObject().put("id", n.id()).put("title", n.title()));
  }

  private static void linksJson(ArrayNode into, String peer, List<Link> links) {
    for (Link l : links) {
      ObjectNode o =
          into.addObject()
              .put("id", l.id())
              .put("title", l.title())
              .put(peer, l.peer().id())
              .put("protocol", l.protocol())
              .put("authentication", l.authentication());
      named(o.putArray("dataSent"), l.dataSent());
      named(o.putArray("dataReceived"), l.dataReceived());
    }
  }
}
