package dev.bulwark.eval.model;

import dev.bulwark.ai.embed.Embeddings;
import dev.bulwark.core.errors.InputException;
import dev.bulwark.deps.score.Cvss;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * CTIBench VSP: a CVE description → its CVSS v3.1 vector, scored by how far the vector's base score
 * lies from the true one. Bulwark's engine votes metric by metric among the 5 nearest descriptions
 * of the other folds.
 */
final class VspSuite extends ModelSuite {
  static final String NAME = "ctibench-vsp";
  private static final Pattern VECTOR =
      Pattern.compile(
          "(?:CVSS:3\\.[01]/)?AV:[NALP]/AC:[LH]/PR:[NLH]/UI:[NR]/S:[UC]/C:[NLH]/I:[NLH]/A:[NLH]");
  private static final List<String> METRICS = List.of("AV", "AC", "PR", "UI", "S", "C", "I", "A");

  private VspSuite(List<Item> items, String sha256) {
    super(NAME, items, sha256);
  }

  static VspSuite load(Path file, int limit) throws IOException, InputException {
    CtiTsv.Loaded tsv =
        CtiTsv.load(
            file, List.of("URL", "Description", "Prompt", "GT"), "URL, Description, Prompt, GT");
    return new VspSuite(tsv.items("Description", limit), tsv.sha256());
  }

  @Override
  public Metric metric() {
    return new Metric(
        "mean absolute deviation of the CVSS v3.1 base score (lower is better)",
        "model_mad",
        false);
  }

  @Override
  String extract(String answer) {
    String last = Answers.last(VECTOR, answer);
    return last != null && !last.startsWith("CVSS:") ? "CVSS:3.1/" + last : last;
  }

  @Override
  Outcome score(Item it, String predicted, int promptTokens, int completionTokens) {
    double d = deviation(it.expected(), predicted);
    return new Outcome(
        it.id(),
        it.expected(),
        predicted,
        !Double.isNaN(d) && d == 0,
        d,
        promptTokens,
        completionTokens);
  }

  @Override
  double figure(List<Outcome> outcomes) {
    return meanScore(outcomes);
  }

  /** |base score of the prediction − base score of the truth|; NaN when either does not parse. */
  static double deviation(String expected, String predicted) {
    if (predicted == null) {
      return Double.NaN;
    }
    try {
      return Math.abs(Cvss.parse(expected).score() - Cvss.parse(predicted).score());
    } catch (InputException e) {
      return Double.NaN;
    }
  }

  @Override
  public Run runEngine(Embeddings embeddings, int folds, long seed) {
    Instant t0 = Instant.now();
    Neighbours neighbours = new Neighbours(embeddings, items(), folds, seed);
    List<Outcome> out = new ArrayList<>();
    for (int i = 0; i < items().size(); i++) {
      List<Neighbours.Scored> near = neighbours.of(i);
      StringBuilder v = new StringBuilder("CVSS:3.1");
      for (String metric : METRICS) {
        String value =
            Neighbours.vote(
                near,
                j ->
                    Arrays.stream(items().get(j).expected().split("/"))
                        .filter(part -> part.startsWith(metric + ":"))
                        .toList());
        if (value != null) {
          v.append('/').append(value);
        }
      }
      out.add(score(items().get(i), v.toString(), 0, 0));
    }
    return engineRun("knn-per-metric-" + folds + "fold", seed, out, t0);
  }
}
