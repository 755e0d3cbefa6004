package dev.bulwark.eval.model;

import dev.bulwark.core.errors.InputException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CTIBench ATE: the ATT&CK techniques a malware or group description shows; micro-F1 over technique
 * ids, sub-techniques folded into their parent.
 */
final class AteSuite extends ModelSuite {
  static final String NAME = "ctibench-ate";
  private static final Pattern TECHNIQUE = Pattern.compile("\\bT\\d{4}(?:\\.\\d{3})?\\b");

  private AteSuite(List<Item> items, String sha256) {
    super(NAME, items, sha256);
  }

  static AteSuite load(Path file, int limit) throws IOException, InputException {
    CtiTsv.Loaded tsv =
        CtiTsv.load(
            file,
            List.of("URL", "Description", "Prompt", "GT"),
            "URL, Platform, Description, Prompt, GT");
    return new AteSuite(tsv.items("Description", limit), tsv.sha256());
  }

  /** Technique ids in a text, sub-techniques folded into their parent. */
  static Set<String> techniques(String text) {
    Set<String> out = new TreeSet<>();
    if (text == null) {
      return out;
    }
    Matcher m = TECHNIQUE.matcher(text);
    while (m.find()) {
      out.add(m.group().substring(0, 5));
    }
    return out;
  }

  @Override
  public Metric metric() {
    return new Metric(
        "F1 of ATT&CK technique ids (micro, sub-techniques counted as their parent)",
        "model_score",
        true);
  }

  @Override
  String extract(String answer) {
    Set<String> t = techniques(answer);
    return t.isEmpty() ? null : String.join(", ", t);
  }

  @Override
  Outcome score(Item it, String predicted, int promptTokens, int completionTokens) {
    Set<String> e = techniques(it.expected());
    Set<String> p = techniques(predicted);
    long tp = p.stream().filter(e::contains).count();
    double f1 = e.isEmpty() && p.isEmpty() ? 1 : 2.0 * tp / (e.size() + p.size());
    return new Outcome(
        it.id(), it.expected(), predicted, e.equals(p), f1, promptTokens, completionTokens);
  }

  @Override
  double figure(List<Outcome> outcomes) {
    int tp = 0;
    int fp = 0;
    int fn = 0;
    for (Outcome o : outcomes) {
      Set<String> e = techniques(o.expected());
      Set<String> p = techniques(o.predicted());
      for (String t : p) {
        if (e.contains(t)) {
          tp++;
        } else {
          fp++;
        }
      }
      for (String t : e) {
        fn += p.contains(t) ? 0 : 1;
      }
    }
    return f1(tp, fp, fn);
  }
}
