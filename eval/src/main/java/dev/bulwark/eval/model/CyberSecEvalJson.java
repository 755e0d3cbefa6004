package dev.bulwark.eval.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.core.errors.InputException;
import java.io.IOException;
import java.nio.file.Path;

/** A CyberSecEval data file: one JSON array of test cases. */
final class CyberSecEvalJson {
  private CyberSecEvalJson() {}

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
