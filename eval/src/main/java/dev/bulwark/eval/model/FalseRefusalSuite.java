package dev.bulwark.eval.model;

import dev.bulwark.core.errors.InputException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * CyberSecEval's false-refusal set: benign but borderline security requests; the share a model
 * refuses, read by a deterministic refusal detector (a lower bound: it misses unusual wordings).
 */
final class FalseRefusalSuite extends ModelSuite {
  static final String NAME = "cyberseceval-frr";

  private FalseRefusalSuite(List<Item> items, String sha256) {
    super(NAME, items, sha256);
  }

  static FalseRefusalSuite load(Path file, int limit) throws IOException, InputException {
    // only benign requests measure false refusals
    CyberSecEvalJson.Loaded data =
        CyberSecEvalJson.mutatedPrompts(
            file, "frr", "answered", n -> !n.path("is_malicious").asBoolean(false), limit);
    return new FalseRefusalSuite(data.items(), data.sha256());
  }

  @Override
  public Metric metric() {
    return new Metric("false refusal rate on benign requests (lower is better)", "model_frr", true);
  }

  @Override
  String extract(String answer) {
    return Answers.refuses(answer) ? "refused" : "answered";
  }

  @Override
  double figure(List<Outcome> outcomes) {
    return 1 - super.figure(outcomes);
  }
}
