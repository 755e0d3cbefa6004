package dev.bulwark.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.core.report.ToolInfo;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Scorecards as Markdown (for people) and JSON (for tracking over time). */
public final class ScorecardWriter {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ScorecardWriter() {}

  public static String markdown(Scorecard s) {
    StringBuilder md = new StringBuilder();
    md.append("# Scorecard: ").append(s.suite()).append("\n\n");
    md.append(s.description()).append("\n\n");
    Metrics o = s.overall();
    md.append("| metric | value |\n|---|---:|\n");
    if (o.positives() + o.negatives() > 0) {
      // suites that rank rather than classify (triage) have no confusion matrix to show
      row(md, "precision", pct(o.precision()));
      row(md, "recall", pct(o.recall()));
      row(md, "F1", pct(o.f1()));
      row(md, "false-positive rate", pct(o.falsePositiveRate()));
      row(md, "true positives", Integer.toString(o.tp()));
      row(md, "false positives", Integer.toString(o.fp()));
      row(md, "false negatives", Integer.toString(o.fn()));
      row(md, "true negatives", Integer.toString(o.tn()));
    }
    row(md, "wall time", String.format(Locale.ROOT, "%.2f s", s.wallTime().toMillis() / 1000.0));
    for (Map.Entry<String, String> f : new TreeMap<>(s.facts()).entrySet()) {
      row(md, f.getKey(), f.getValue());
    }
    md.append('\n');
    boolean scored = s.categories().stream().anyMatch(c -> !Double.isNaN(c.score()));
    if (!s.categories().isEmpty()) {
      md.append(
          "| category | positives | TP | FN | recall | negatives | FP | FP rate | precision |"
              + (scored ? " score |" : "")
              + "\n");
      md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|" + (scored ? "---:|" : "") + "\n");
      for (Scorecard.Category c : s.categories()) {
        Metrics m = c.metrics();
        md.append("| ")
            .append(c.name())
            .append(" | ")
            .append(m.positives())
            .append(" | ")
            .append(m.tp())
            .append(" | ")
            .append(m.fn())
            .append(" | ")
            .append(pct(m.recall()))
            .append(" | ")
            .append(m.negatives())
            .append(" | ")
            .append(m.fp())
            .append(" | ")
            .append(pct(m.falsePositiveRate()))
            .append(" | ")
            .append(pct(m.precision()))
            .append(" |")
            .append(scored ? " " + pct(c.score()) + " |" : "")
            .append("\n");
      }
      md.append('\n');
    }
    if (!s.errors().isEmpty()) {
      md.append("## Errors (").append(s.errors().size()).append(")\n\n");
      s.errors().stream().limit(200).forEach(e -> md.append("- ").append(e).append('\n'));
      if (s.errors().size() > 200) {
        md.append("- … ").append(s.errors().size() - 200).append(" more in the JSON scorecard\n");
      }
      md.append('\n');
    }
    md.append(headline(s)).append('\n');
    return md.toString();
  }

  /** The last line of every scorecard, e.g. {@code secrets_score=97.3}. */
  public static String headline(Scorecard s) {
    return s.headlineKey() + "=" + String.format(Locale.ROOT, "%.1f", s.score());
  }

  public static String json(Scorecard s) {
    ObjectNode root = JSON.createObjectNode();
    root.put("suite", s.suite());
    root.put("tool", ToolInfo.current().name() + " " + ToolInfo.current().version());
    putRate(root, s.headlineKey(), s.score());
    root.set("overall", metrics(s.overall()));
    ArrayNode cats = root.putArray("categories");
    for (Scorecard.Category c : s.categories()) {
      ObjectNode n = metrics(c.metrics());
      n.put("name", c.name());
      if (!Double.isNaN(c.score())) {
        putRate(n, "score", c.score());
      }
      cats.add(n);
    }
    ObjectNode facts = root.putObject("facts");
    new TreeMap<>(s.facts()).forEach(facts::put);
    root.put("wallTimeMs", s.wallTime().toMillis());
    ArrayNode errors = root.putArray("errors");
    s.errors().forEach(errors::add);
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("a scorecard always serialises", e);
    }
  }

  private static ObjectNode metrics(Metrics m) {
    ObjectNode n = JSON.createObjectNode();
    n.put("tp", m.tp());
    n.put("fp", m.fp());
    n.put("fn", m.fn());
    n.put("tn", m.tn());
    putRate(n, "precision", m.precision());
    putRate(n, "recall", m.recall());
    putRate(n, "f1", m.f1());
    putRate(n, "falsePositiveRate", m.falsePositiveRate());
    return n;
  }

  /** JSON has no NaN: an undefined rate is written as null. */
  private static void putRate(ObjectNode n, String key, double v) {
    if (Double.isNaN(v)) {
      n.putNull(key);
    } else {
      n.put(key, Math.round(v * 10000) / 10000.0);
    }
  }

  private static void row(StringBuilder md, String k, String v) {
    md.append("| ").append(k).append(" | ").append(v).append(" |\n");
  }

  private static String pct(double v) {
    return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.1f%%", v * 100);
  }
}
