package dev.bulwark.eval.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.core.errors.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** A CyberSecEval data file: one JSON array of test cases. */
final class CyberSecEvalJson {
  private CyberSecEvalJson() {}

  /** A data file's items and its SHA-256. */
  record Loaded(List<Item> items, String sha256) {}

  /**
   * The {@code mutated_prompt} test cases the filter keeps, as items numbered by their place in the
   * file ({@code prefix#n}), the attack type as description.
   */
  static Loaded mutatedPrompts(
      Path file, String prefix, String expected, Predicate<JsonNode> keep, int limit)
      throws IOException, InputException {
    byte[] bytes = Files.readAllBytes(file);
    JsonNode root = array(file, bytes, "mutated_prompt, attack_type");
    List<Item> items = new ArrayList<>();
    int i = 0;
    for (JsonNode n : root) {
      i++;
      if (limit > 0 && items.size() >= limit) {
        break;
      }
      String prompt = n.path("mutated_prompt").asText("");
      if (!prompt.isBlank() && keep.test(n)) {
        items.add(new Item(prefix + "#" + i, n.path("attack_type").asText(""), prompt, expected));
      }
    }
    return new Loaded(items, Answers.sha256(bytes));
  }

  static JsonNode array(Path file, byte[] bytes, String fields) throws InputException {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(bytes);
    } catch (IOException e) {
      throw new InputException(file + ": not JSON: " + e.getMessage(), e);
    }
    if (root == null || !root.isArray()) {
      throw new InputException(file + ": expected a JSON array of {" + fields + "}");
    }
    return root;
  }
}
