package dev.bulwark.threatmodel.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.threatmodel.rules.Levels;
import dev.bulwark.threatmodel.rules.Risk;
import java.util.ArrayList;
import java.util.List;

/**
 * Risks on a likelihood × impact grid: each cell counts the risks with that pair and says how many
 * are still open (unchecked, in discussion, in progress), with the severity the pair gives. Rows
 * run from the likeliest down, columns from the lowest impact up, as risk matrices are read.
 */
public record RiskMatrix(int[][] total, int[][] open) {
  public static RiskMatrix of(List<Risk> risks) {
    return count(
        risks.stream().map(r -> new Rated(r.likelihood(), r.impact(), r.status().open())).toList());
  }

  /** The matrix of a published check's risks. */
  public static RiskMatrix of(PublishedCheck check) {
    return count(
        check.risks().stream().map(r -> new Rated(r.likelihood(), r.impact(), r.open())).toList());
  }

  private record Rated(String likelihood, String impact, boolean open) {}

  private static RiskMatrix count(List<Rated> risks) {
    int rows = Levels.LIKELIHOOD.size();
    int cols = Levels.IMPACT.size();
    int[][] total = new int[rows][cols];
    int[][] open = new int[rows][cols];
    for (Rated r : risks) {
      int row = rows - Levels.weight(Levels.LIKELIHOOD, r.likelihood());
      int col = Levels.weight(Levels.IMPACT, r.impact()) - 1;
      total[row][col]++;
      if (r.open()) {
        open[row][col]++;
      }
    }
    return new RiskMatrix(total, open);
  }

  /** A row of the grid as a page places it: the likelihood, then one cell per impact. */
  public record Line(String likelihood, List<Cell> cells) {}

  /** A cell: the severity its likelihood and impact give, and open/total (empty when none). */
  public record Cell(String severity, String text) {}

  /** The grid, likeliest row first, for pages that lay it out themselves. */
  public List<Line> lines() {
    List<Line> out = new ArrayList<>();
    for (int row = 0; row < total.length; row++) {
      List<Cell> cells = new ArrayList<>();
      for (int col = 0; col < total[row].length; col++) {
        cells.add(
            new Cell(Levels.severity(Levels.IMPACT.get(col), likelihood(row)), cell(row, col)));
      }
      out.add(new Line(likelihood(row), cells));
    }
    return out;
  }

  /** The likelihood of a row, likeliest first. */
  static String likelihood(int row) {
    return Levels.LIKELIHOOD.get(Levels.LIKELIHOOD.size() - 1 - row);
  }

  private String cell(int row, int col) {
    return total[row][col] == 0 ? "" : open[row][col] + "/" + total[row][col];
  }

  public String markdown() {
    StringBuilder b = new StringBuilder("| likelihood \\ impact |");
    Levels.IMPACT.forEach(i -> b.append(' ').append(i).append(" |"));
    b.append("\n|---|");
    Levels.IMPACT.forEach(i -> b.append("---|"));
    b.append('\n');
    for (int row = 0; row < total.length; row++) {
      b.append("| ").append(likelihood(row)).append(" |");
      for (int col = 0; col < total[row].length; col++) {
        String c = cell(row, col);
        b.append(' ')
            .append(
                c.isEmpty()
                    ? ""
                    : c + " " + Levels.severity(Levels.IMPACT.get(col), likelihood(row)))
            .append(" |");
      }
      b.append('\n');
    }
    b.append("\nEach cell: open/total risks and the severity of that likelihood and impact.\n");
    return b.toString();
  }

  public String html() {
    StringBuilder b =
        new StringBuilder(
            "<table class=\"risk-matrix\">\n<thead><tr><th>likelihood \\ impact</th>");
    Levels.IMPACT.forEach(i -> b.append("<th>").append(i).append("</th>"));
    b.append("</tr></thead>\n<tbody>\n");
    for (int row = 0; row < total.length; row++) {
      b.append("<tr><th>").append(likelihood(row)).append("</th>");
      for (int col = 0; col < total[row].length; col++) {
        String sev = Levels.severity(Levels.IMPACT.get(col), likelihood(row));
        b.append("<td class=\"")
            .append(sev)
            .append("\" title=\"")
            .append(sev)
            .append("\">")
            .append(cell(row, col))
            .append("</td>");
      }
      b.append("</tr>\n");
    }
    b.append("</tbody>\n</table>\n");
    // Only level names from Levels and numbers reach this text, so nothing needs escaping.
    return b.toString();
  }

  public String json() {
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = json.createObjectNode();
    ArrayNode cells = root.putArray("cells");
    List<String> order = new ArrayList<>(Levels.LIKELIHOOD);
    for (int row = 0; row < total.length; row++) {
      for (int col = 0; col < total[row].length; col++) {
        if (total[row][col] == 0) {
          continue;
        }
        cells
            .addObject()
            .put("likelihood", likelihood(row))
            .put("impact", Levels.IMPACT.get(col))
            .put("severity", Levels.severity(Levels.IMPACT.get(col), likelihood(row)))
            .put("open", open[row][col])
            .put("total", total[row][col]);
      }
    }
    root.putPOJO("likelihoods", order);
    root.putPOJO("impacts", Levels.IMPACT);
    try {
      return json.writeValueAsString(root) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("risk matrix as JSON", e);
    }
  }
}
