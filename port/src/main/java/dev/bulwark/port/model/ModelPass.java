package dev.bulwark.port.model;

import dev.bulwark.ai.llm.Completion;
import dev.bulwark.ai.llm.LlmClient;
import dev.bulwark.ai.llm.LlmException;
import dev.bulwark.ai.llm.Message;
import dev.bulwark.ai.llm.Prompt;
import dev.bulwark.core.errors.InputException;
import dev.bulwark.port.rust.RustItems;
import dev.bulwark.port.rust.RustLexer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The model-assisted pass for one function: ask for a port, put it through the gates, and on
 * rejection send the compiler errors or the failing input back, a bounded number of times. Every
 * attempt is logged, accepted or not.
 */
public final class ModelPass {
  private static final Pattern FENCE =
      Pattern.compile("```(?:rust|rs)?\\s*\\n(.*?)```", Pattern.DOTALL);

  /** One proposal and what the gates said about it. */
  public record Proposal(
      String function,
      int attempt,
      String model,
      int promptTokens,
      int completionTokens,
      String code,
      boolean accepted,
      String reason) {}

  /** The gates, run by the caller on the crate with the proposal added; null means accepted. */
  @FunctionalInterface
  public interface Trial {
    String reject(String code) throws java.io.IOException, InterruptedException;
  }

  public record Outcome(
      boolean accepted,
      String code,
      int repairs,
      String reason,
      long promptTokens,
      long completionTokens) {}

  /** What the prompt needs to know about the function. */
  public record Task(
      String cName,
      String rustName,
      String cSource,
      String signature,
      List<String> callees,
      String types,
      List<String> hazards) {}

  private final LlmClient llm;
  private final int maxRepairs;
  private final Consumer<Proposal> log;
  private final Prompt prompt;

  public ModelPass(LlmClient llm, int maxRepairs, Consumer<Proposal> log) throws InputException {
    this.llm = llm;
    this.maxRepairs = maxRepairs;
    this.log = log;
    this.prompt = Prompt.load("port-function");
  }

  public String promptVersion() {
    return prompt.version();
  }

  public Outcome port(Task task, Trial trial) throws InterruptedException, java.io.IOException {
    List<Message> messages =
        new ArrayList<>(
            prompt.render(
                Map.of(
                    "c_source", task.cSource(),
                    "signature", task.signature(),
                    "callees",
                        task.callees().isEmpty() ? "(none)" : String.join("\n", task.callees()),
                    "types", task.types().isBlank() ? "(none)" : task.types(),
                    "hazards",
                        task.hazards().isEmpty()
                            ? "none found"
                            : String.join(", ", task.hazards()))));
    String reason = "no answer";
    long pt = 0;
    long ct = 0;
    for (int attempt = 0; attempt <= maxRepairs; attempt++) {
      Completion c;
      try {
        c = llm.complete(messages);
      } catch (LlmException e) {
        reason = "the model did not answer: " + e.getMessage();
        log.accept(new Proposal(task.cName(), attempt, llm.describe(), 0, 0, "", false, reason));
        return new Outcome(false, null, attempt, reason, pt, ct);
      }
      pt += c.promptTokens();
      ct += c.completionTokens();
      String code = extract(c.text());
      reason = shape(code, task);
      if (reason == null) {
        reason = trial.reject(code);
      }
      boolean ok = reason == null;
      log.accept(
          new Proposal(
              task.cName(),
              attempt,
              c.model(),
              c.promptTokens(),
              c.completionTokens(),
              code,
              ok,
              ok ? "accepted" : reason));
      if (ok) {
        return new Outcome(true, code, attempt, null, pt, ct);
      }
      messages.add(new Message(Message.Role.ASSISTANT, c.text()));
      messages.add(
          Message.user(
              "The proposal was rejected: "
                  + reason
                  + "\nFix it and answer with the whole corrected function in one ```rust block."));
    }
    return new Outcome(false, null, maxRepairs, reason, pt, ct);
  }

  static String extract(String answer) {
    Matcher m = FENCE.matcher(answer);
    return (m.find() ? m.group(1) : answer).strip() + "\n";
  }

  /** The proposal must define the function with exactly the required signature. */
  static String shape(String code, Task task) {
    try {
      RustItems.Items items = RustItems.read(code);
      var fn = items.function(task.rustName());
      if (fn.isEmpty()) {
        return "the answer defines no function named " + task.rustName();
      }
      String want = RustItems.normalise(task.signature());
      if (!fn.get().signature().equals(want)) {
        return "signature is `" + fn.get().signature() + "`, required `" + want + "`";
      }
      return null;
    } catch (RustLexer.LexException e) {
      return "not lexically Rust: " + e.getMessage();
    }
  }
}
