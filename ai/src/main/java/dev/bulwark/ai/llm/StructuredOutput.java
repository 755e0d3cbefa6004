package dev.bulwark.ai.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.bulwark.core.text.Messages;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Asks a model for JSON that satisfies a JSON Schema (2020-12), and accepts nothing else: an answer
 * that does not parse or validate is sent back with the errors, up to a bounded number of attempts.
 * Every rejected answer is kept with its reason, and tokens are summed over attempts.
 */
public final class StructuredOutput {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** An accepted value, or none; with what it cost and what was turned down on the way. */
  public record Result(
      JsonNode value, int attempts, int promptTokens, int completionTokens, List<String> rejected) {
    public boolean accepted() {
      return value != null;
    }
  }

  private final LlmClient client;
  private final Schema schema;
  private final String schemaText;
  private final int maxAttempts;

  public StructuredOutput(LlmClient client, JsonNode schema, int maxAttempts) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
    this.client = client;
    this.schema =
        SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(schema);
    this.schemaText = schema.toString();
    this.maxAttempts = maxAttempts;
  }

  public Result request(List<Message> messages) throws LlmException, InterruptedException {
    List<Message> conversation = new ArrayList<>(messages);
    conversation.add(
        Message.user(
            "Answer with one JSON value only, no prose and no code fence, valid against this JSON"
                + " Schema:\n"
                + schemaText));
    List<String> rejected = new ArrayList<>();
    int prompt = 0;
    int completion = 0;
    for (int attempt = 1; attempt <= maxAttempts; attempt++) {
      Completion c = client.complete(conversation);
      prompt += c.promptTokens();
      completion += c.completionTokens();
      String problem;
      JsonNode value = null;
      try {
        value = JSON.readTree(unfence(c.text()));
        List<Error> errors = value == null ? List.of() : schema.validate(value);
        problem =
            value == null || value.isMissingNode()
                ? "empty answer"
                : errors.isEmpty()
                    ? null
                    : String.join("; ", errors.stream().map(Error::toString).toList());
      } catch (IOException e) {
        problem = "not JSON: " + Messages.firstLine(e.getMessage());
      }
      if (problem == null) {
        return new Result(value, attempt, prompt, completion, rejected);
      }
      rejected.add("attempt " + attempt + ": " + problem);
      conversation.add(new Message(Message.Role.ASSISTANT, c.text()));
      conversation.add(
          Message.user(
              "That answer was rejected ("
                  + problem
                  + "). Answer again with JSON only, valid"
                  + " against the schema."));
    }
    return new Result(null, maxAttempts, prompt, completion, rejected);
  }

  /** Models often wrap JSON in a Markdown fence despite being asked not to. */
  static String unfence(String text) {
    String t = text.strip();
    if (t.startsWith("```")) {
      int nl = t.indexOf('\n');
      int end = t.lastIndexOf("```");
      if (nl > 0 && end > nl) {
        return t.substring(nl + 1, end).strip();
      }
    }
    return t;
  }
}
