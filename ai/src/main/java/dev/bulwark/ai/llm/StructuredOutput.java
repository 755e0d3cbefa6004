package dev.bulwark.ai.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.bulwark.core.text.Messages;
import dev.bulwark.core.verify.Check;
import dev.bulwark.core.verify.Decision;
import dev.bulwark.core.verify.Proposal;
import dev.bulwark.core.verify.ProposalLog;
import dev.bulwark.core.verify.Verifier;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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
    return request(messages, "structured-output", "", List.of(), ProposalLog.memory());
  }

  /**
   * Asks until an answer passes the schema and then every one of {@code checks} (deterministic
   * checks on the answer's text, such as {@link dev.bulwark.core.verify.Citations}), giving each
   * rejection back to the model with its reason. Every attempt is recorded in {@code log} as a
   * proposal of {@code kind} about {@code subject}.
   */
  public Result request(
      List<Message> messages, String kind, String subject, List<Check> checks, ProposalLog log)
      throws LlmException, InterruptedException {
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
      JsonNode[] parsed = new JsonNode[1];
      List<Check> all = new ArrayList<>();
      all.add(Check.of("valid against the schema", p -> schemaProblem(p.content(), parsed)));
      all.addAll(checks);
      Decision d;
      try {
        d = Verifier.verify(new Proposal(kind, subject, client.describe(), c.text()), all, log);
      } catch (IOException e) {
        throw new LlmException("checking the model's answer failed: " + e.getMessage(), e);
      }
      if (d.accepted()) {
        return new Result(parsed[0], attempt, prompt, completion, rejected);
      }
      String problem = d.reason();
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

  private Optional<String> schemaProblem(String text, JsonNode[] parsed) {
    try {
      JsonNode value = JSON.readTree(unfence(text));
      if (value == null || value.isMissingNode()) {
        return Optional.of("empty answer");
      }
      List<Error> errors = schema.validate(value);
      if (!errors.isEmpty()) {
        return Optional.of(String.join("; ", errors.stream().map(Error::toString).toList()));
      }
      parsed[0] = value;
      return Optional.empty();
    } catch (IOException e) {
      return Optional.of("not JSON: " + Messages.firstLine(e.getMessage()));
    }
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
