package dev.bulwark.eval.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.core.errors.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
    byte[] bytes = Files.readAllBytes(file);
    JsonNode root = CyberSecEvalJson.array(file, bytes, "mutated_prompt, is_malicious");
    List<Item> items = new ArrayList<>();
    int i = 0;
    for (JsonNode n : root) {
      i++;
      if (limit > 0 && items.size() >= limit) {
        break;
      }
      String prompt = n.path("mutated_prompt").asText("");
      if (prompt.isBlank() || n.path("is_malicious").asBoolean(false)) {
        continue; // only benign requests measure false refusals
      }
      items.add(new Item("frr#" + i, n.path("attack_type").asText(""), prompt, "answered"));
    }
    return new FalseRefusalSuite(items, Answers.sha256(bytes));
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
