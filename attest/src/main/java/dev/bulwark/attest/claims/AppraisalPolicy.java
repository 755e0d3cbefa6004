package dev.bulwark.attest.claims;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.core.errors.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A relying party's appraisal policy in the format of NVIDIA's SDK ({@code version}, {@code
 * authorization-rules} with {@code overall-claims} and {@code detached-claims}): every claim it
 * names must be present in the token with an equal value, nested objects compared key by key.
 */
public record AppraisalPolicy(
    String source, String version, ObjectNode overall, ObjectNode detached) {
  static final long MAX_BYTES = 1 << 20;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A claim the policy requires that the token does not satisfy. */
  public record Violation(String scope, String claim, JsonNode expected, JsonNode actual) {
    @Override
    public String toString() {
      return scope
          + " claim "
          + claim
          + " is "
          + (actual == null ? "absent" : actual.toString())
          + ", the policy requires "
          + expected;
    }
  }

  public static AppraisalPolicy read(Path file) throws IOException, InputException {
    if (Files.size(file) > MAX_BYTES) {
      throw new InputException(file + ": policy larger than " + MAX_BYTES + " bytes");
    }
    JsonNode root;
    try {
      root = JSON.readTree(file.toFile());
    } catch (JsonProcessingException e) {
      throw new InputException(
          file
              + ": not JSON: "
              + e.getOriginalMessage()
              + " at line "
              + e.getLocation().getLineNr());
    }
    return of(root, file.toString());
  }

  public static AppraisalPolicy of(JsonNode root, String source) throws InputException {
    if (root == null || !root.isObject()) {
      throw new InputException(source + ": a policy is a JSON object");
    }
    JsonNode rules = root.path("authorization-rules");
    if (!rules.isObject()) {
      throw new InputException(source + ": no \"authorization-rules\" object");
    }
    if (!rules.has("overall-claims") && !rules.has("detached-claims")) {
      throw new InputException(
          source
              + ": policy version "
              + root.path("version").asText("?")
              + " lists flat claims of the retired v1 tokens; only policies with \"overall-claims\""
              + " and \"detached-claims\" (versions 2.0 to 4.0) are understood");
    }
    if (rules.has("type") && !"JWT".equals(rules.path("type").asText())) {
      throw new InputException(
          source + ": authorization-rules type '" + rules.path("type").asText() + "' is not JWT");
    }
    return new AppraisalPolicy(
        source,
        root.path("version").asText(""),
        object(rules, "overall-claims", source),
        object(rules, "detached-claims", source));
  }

  private static ObjectNode object(JsonNode rules, String name, String source)
      throws InputException {
    JsonNode n = rules.path(name);
    if (n.isMissingNode()) {
      return JSON.createObjectNode();
    }
    if (!n.isObject()) {
      throw new InputException(source + ": \"" + name + "\" must be an object");
    }
    return (ObjectNode) n;
  }

  /** The claims version the policy's overall claims ask for ({@code x-nvidia-ver}), if any. */
  public Optional<String> claimsVersion() {
    JsonNode v = overall.path("x-nvidia-ver");
    return v.isTextual() ? Optional.of(v.asText()) : Optional.empty();
  }

  /** Every requirement the tokens fail; empty when the policy is satisfied. */
  public List<Violation> evaluate(
      JsonNode overallClaims, Map<String, ? extends JsonNode> detachedClaims) {
    List<Violation> out = new ArrayList<>();
    compare("overall", "", overall, overallClaims, out);
    for (Map.Entry<String, ? extends JsonNode> gpu : detachedClaims.entrySet()) {
      compare(gpu.getKey(), "", detached, gpu.getValue(), out);
    }
    return out;
  }

  private static void compare(
      String scope, String prefix, JsonNode expected, JsonNode actual, List<Violation> out) {
    for (Map.Entry<String, JsonNode> e : expected.properties()) {
      String name = prefix + e.getKey();
      JsonNode got = actual == null ? null : actual.get(e.getKey());
      if (e.getValue().isObject()) {
        if (got == null || !got.isObject()) {
          out.add(new Violation(scope, name, e.getValue(), got));
        } else {
          compare(scope, name + ".", e.getValue(), got, out);
        }
      } else if (got == null || !got.equals(e.getValue())) {
        out.add(new Violation(scope, name, e.getValue(), got));
      }
    }
  }
}
