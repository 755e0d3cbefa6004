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
import java.util.List;

/**
 * Which technical asset does what with which data asset, and the risks there: one row per data
 * asset, one column per technical asset. A cell says whether the asset processes (P), stores (S),
 * sends (T) or receives (R) the data — sending and receiving by its links, a reply counting for the
 * side that answers — and counts the risks that bear on the data at that asset: those raised on the
 * asset itself and on its links that carry the data. A row also counts the risks raised on the data
 * asset itself. Cells where the asset does nothing with the data stay empty.
 */
public record DataAssetMatrix(List<Column> columns, List<Line> lines) {
  public DataAssetMatrix {
    columns = List.copyOf(columns);
    lines = List.copyOf(lines);
  }

  /** A technical asset, as a column. */
  public record Column(String id, String title) {}

  /**
   * A data asset's row: its rating, the risks raised on it, and one cell per column.
   *
   * @param ownOpen open risks raised on the data asset itself
   * @param ownTotal all risks raised on the data asset itself
   */
  public record Line(
      String id,
      String title,
      String confidentiality,
      String integrity,
      String availability,
      int ownOpen,
      int ownTotal,
      List<Cell> cells) {
    public Line {
      cells = List.copyOf(cells);
    }
  }

  /**
   * What one asset does with one data asset, and the risks there: their ids, how many are open, and
   * the worst severity among the open ones (empty when none is open).
   */
  public record Cell(
      boolean processed,
      boolean stored,
      boolean sent,
      boolean received,
      List<String> risks,
      int open,
      String worstOpen) {
    public Cell {
      risks = List.copyOf(risks);
    }

    /** Whether the asset does anything with the data. */
    public boolean used() {
      return processed || stored || sent || received;
    }

    /** The roles as letters, e.g. {@code PST}. */
    public String roles() {
      return (processed ? "P" : "")
          + (stored ? "S" : "")
          + (sent ? "T" : "")
          + (received ? "R" : "");
    }

    /** The cell's text: roles, then open/total risks when there are any. */
    public String text() {
      if (!used()) {
        return "";
      }
      return risks.isEmpty() ? roles() : roles() + " " + open + "/" + risks.size();
    }
  }

  /** A risk as the matrix places it. */
  private record Placed(String id, Kind kind, String elementId, String severity, boolean open) {}

  public static DataAssetMatrix of(ThreatModel model, List<Risk> risks) {
    return build(
        model,
        risks.stream()
            .map(r ->
                new Placed(
                    r.syntheticId(), r.kind(), r.elementId(), r.severity(), r.status().open()))
            .toList());
  }

  /** The matrix of a published check. */
  public static DataAssetMatrix of(PublishedCheck check) {
    return build(
        check.model(),
        check.risks().stream()
            .map(r ->
                new Placed(
                    r.id(),
                    Kind.parse(r.kind())
                        .orElseThrow(
                            () -> new IllegalArgumentException("unknown element kind " + r.kind())),
                    r.elementId(),
                    r.severity(),
                    r.open()))
            .toList());
  }

  private static DataAssetMatrix build(ThreatModel model, List<Placed> risks) {
    List<Column> columns = new ArrayList<>();
    model.technicalAssets().forEach(a -> columns.add(new Column(a.id(), a.title())));
    List<CommunicationLink> links = model.links();
    List<Line> lines = new ArrayList<>();
    for (DataAsset d : model.dataAssets()) {
      List<Cell> cells = new ArrayList<>();
      for (TechnicalAsset a : model.technicalAssets()) {
        boolean sent = false;
        boolean received = false;
        List<String> carrying = new ArrayList<>();
        for (CommunicationLink l : links) {
          boolean from = l.sourceId().equals(a.id());
          boolean to = l.targetId().equals(a.id());
          if (!from && !to) {
            continue;
          }
          boolean forth = l.dataSent().contains(d.id());
          boolean back = l.dataReceived().contains(d.id());
          if (forth || back) {
            carrying.add(l.id());
          }
          // a request carries data from source to target, its reply from target to source
          sent |= (from && forth) || (to && back);
          received |= (to && forth) || (from && back);
        }
        boolean processed = a.dataProcessed().contains(d.id());
        boolean stored = a.dataStored().contains(d.id());
        List<String> ids = new ArrayList<>();
        int open = 0;
        String worst = "";
        if (processed || stored || sent || received) {
          for (Placed r : risks) {
            boolean here =
                (r.kind() == Kind.TECHNICAL_ASSET && r.elementId().equals(a.id()))
                    || (r.kind() == Kind.COMMUNICATION_LINK && carrying.contains(r.elementId()));
            if (!here) {
              continue;
            }
            ids.add(r.id());
            if (r.open()) {
              open++;
              if (PublishedCheck.severityRank(r.severity()) > PublishedCheck.severityRank(worst)) {
                worst = r.severity();
              }
            }
          }
        }
        cells.add(new Cell(processed, stored, sent, received, ids, open, worst));
      }
      int ownOpen = 0;
      int ownTotal = 0;
      for (Placed r : risks) {
        if (r.kind() == Kind.DATA_ASSET && r.elementId().equals(d.id())) {
          ownTotal++;
          ownOpen += r.open() ? 1 : 0;
        }
      }
      lines.add(
          new Line(
              d.id(),
              d.title(),
              d.confidentiality().label(),
              d.integrity().label(),
              d.availability().label(),
              ownOpen,
              ownTotal,
              cells));
    }
    return new DataAssetMatrix(columns, lines);
  }

  private static final String LEGEND =
      "Each cell: what the technical asset does with the data asset — P processes, S stores,"
          + " T sends, R receives — then open/total risks there (raised on the asset, or on its"
          + " links that carry the data). \"on itself\": risks raised on the data asset.";

  public String markdown() {
    StringBuilder b = new StringBuilder("| data asset \\ technical asset | on itself |");
    columns.forEach(c -> b.append(' ').append(md(c.title())).append(" |"));
    b.append("\n|---|---|");
    columns.forEach(c -> b.append("---|"));
    b.append('\n');
    for (Line l : lines) {
      b.append("| ")
          .append(md(l.title()))
          .append(" (")
          .append(l.confidentiality())
          .append(") | ")
          .append(l.ownTotal() == 0 ? "" : l.ownOpen() + "/" + l.ownTotal())
          .append(" |");
      for (Cell c : l.cells()) {
        b.append(' ').append(c.text()).append(" |");
      }
      b.append('\n');
    }
    b.append('\n').append(LEGEND).append('\n');
    return b.toString();
  }

  /** A table cell's text in Markdown: pipes escaped, on one line. */
  static String md(String s) {
    return s.replace("\\", "\\\\").replace("|", "\\|").replaceAll("\\s+", " ").strip();
  }

  public String html() {
    StringBuilder b =
        new StringBuilder(
            "<table class=\"data-asset-matrix\">\n<thead><tr><th>data asset \\ technical asset</th>"
                + "<th>on itself</th>");
    columns.forEach(c ->
        b.append("<th title=\"")
            .append(HtmlText.escape(c.id()))
            .append("\">")
            .append(HtmlText.escape(c.title()))
            .append("</th>"));
    b.append("</tr></thead>\n<tbody>\n");
    for (Line l : lines) {
      b.append("<tr><th title=\"")
          .append(HtmlText.escape(l.id()))
          .append("\">")
          .append(HtmlText.escape(l.title()))
          .append(" <small>")
          .append(HtmlText.escape(l.confidentiality()))
          .append("</small></th><td>")
          .append(l.ownTotal() == 0 ? "" : l.ownOpen() + "/" + l.ownTotal())
          .append("</td>");
      for (Cell c : l.cells()) {
        b.append("<td");
        if (!c.worstOpen().isEmpty()) {
          b.append(" class=\"").append(HtmlText.escape(c.worstOpen())).append('"');
        }
        if (!c.risks().isEmpty()) {
          b.append(" title=\"").append(HtmlText.escape(String.join("\n", c.risks()))).append('"');
        }
        b.append('>').append(c.text()).append("</td>");
      }
      b.append("</tr>\n");
    }
    b.append("</tbody>\n</table>\n<p>").append(HtmlText.escape(LEGEND)).append("</p>\n");
    return b.toString();
  }

  public String json() {
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = json.createObjectNode();
    ArrayNode cols = root.putArray("technicalAssets");
    columns.forEach(c -> cols.addObject().put("id", c.id()).put("title", c.title()));
    ArrayNode rows = root.putArray("dataAssets");
    for (Line l : lines) {
      ObjectNode row =
          rows.addObject()
              .put("id", l.id())
              .put("title", l.title())
              .put("confidentiality", l.confidentiality())
              .put("integrity", l.integrity())
              .put("availability", l.availability())
              .put("ownOpen", l.ownOpen())
              .put("ownTotal", l.ownTotal());
      ArrayNode cells = row.putArray("cells");
      for (int i = 0; i < l.cells().size(); i++) {
        Cell c = l.cells().get(i);
        if (!c.used()) {
          continue;
        }
        ObjectNode cell = cells.addObject().put("technicalAsset", columns.get(i).id());
        ArrayNode roles = cell.putArray("roles");
        if (c.processed()) {
          roles.add("processed");
        }
        if (c.stored()) {
          roles.add("stored");
        }
        if (c.sent()) {
          roles.add("sent");
        }
        if (c.received()) {
          roles.add("received");
        }
        cell.put("open", c.open()).put("total", c.risks().size());
        if (!c.worstOpen().isEmpty()) {
          cell.put("worstOpen", c.worstOpen());
        }
        c.risks().forEach(cell.putArray("risks")::add);
      }
    }
    try {
      return json.writeValueAsString(root) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("data-asset matrix as JSON", e);
    }
  }
}
