package dev.bulwark.config.rules;

import dev.bulwark.config.doc.ConfigDocument;
import dev.bulwark.config.doc.Node;
import dev.bulwark.config.doc.Scalar;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;

/** Runs rules over parsed documents. Stateless; safe to share between threads. */
public final class RuleEngine {
  private final List<ConfigRule> rules;

  public RuleEngine(List<ConfigRule> rules) {
    this.rules = List.copyOf(rules);
  }

  public List<ConfigRule> rules() {
    return rules;
  }

  /** One place a rule holds: the document, the 1-based line and the text found there. */
  public record Hit(ConfigRule rule, ConfigDocument document, int line, String snippet) {}

  public List<Hit> evaluate(ConfigDocument doc) {
    List<Hit> hits = new ArrayList<>();
    for (ConfigRule r : rules) {
      if (r.kind() != doc.kind()) {
        continue;
      }
      Set<Integer> lines = new HashSet<>();
      for (Node subject : r.select().select(doc.root())) {
        if (!r.where().test(subject)) {
          continue;
        }
        Node at = subject;
        if (r.report() != null) {
          List<Node> reported = r.report().select(subject);
          if (!reported.isEmpty()) {
            at = reported.get(0);
          }
        }
        int line = at.line();
        String snippet = at instanceof Scalar s ? s.text() : null;
        if (r.locate() != null && at instanceof Scalar s) {
          Matcher m = r.locate().matcher(s.text());
          if (m.find()) {
            line = s.lineOf(m.start());
            snippet = m.group();
          }
        }
        if (lines.add(line)) {
          hits.add(new Hit(r, doc, line, snippet));
        }
      }
    }
    return hits;
  }
}
