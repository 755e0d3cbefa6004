package dev.bulwark.eval.model;

import dev.bulwark.ai.embed.Embeddings;
import dev.bulwark.ai.llm.Completion;
import dev.bulwark.ai.llm.LlmClient;
import dev.bulwark.ai.llm.LlmException;
import dev.bulwark.ai.llm.Message;
import dev.bulwark.core.analysis.Progress;
import dev.bulwark.core.errors.InputException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * A suite of items a model answers in text, each scored exactly: by comparison with a key, or,
 * where a suite's grading needs it, by a deterministic rule first and a pinned judge model only for
 * what no rule can decide. Subclasses say how items load, how an answer is read, how one answer
 * scores and how the scores add up; the run loop, the run record and the engine hook are here.
 */
public abstract class ModelSuite {
  private final String name;
  private final List<Item> items;
  private final String sha256;
  private final int skipped;
  private final String skipReason;

  protected ModelSuite(String name, List<Item> items, String sha256) {
    this(name, items, sha256, 0, "");
  }

  protected ModelSuite(
      String name, List<Item> items, String sha256, int skipped, String skipReason) {
    this.name = name;
    this.items = List.copyOf(items);
    this.sha256 = sha256;
    this.skipped = skipped;
    this.skipReason = skipReason;
  }

  public String name() {
    return name;
  }

  public List<Item> items() {
    return items;
  }

  public String sha256() {
    return sha256;
  }

  /** What the suite's figure measures. */
  public abstract Metric metric();

  /** The answer an item is scored on, read from the model's text; null when none can be read. */
  abstract String extract(String answer);

  /** Scores one read answer against its item: exact match unless a suite says otherwise. */
  Outcome score(Item it, String predicted, int promptTokens, int completionTokens) {
    boolean correct = predicted != null && matches(it.expected(), predicted);
    return new Outcome(
        it.id(),
        it.expected(),
        predicted,
        correct,
        correct ? 1 : 0,
        promptTokens,
        completionTokens);
  }

  /** Whether a read answer is the expected one: equal, unless a suite says otherwise. */
  boolean matches(String expected, String predicted) {
    return expected.equals(predicted);
  }

  /** F1 from true positives, false positives and false negatives (0 when nothing was right). */
  static double f1(int tp, int fp, int fn) {
    return tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
  }

  /** The mean of the outcomes' scores, leaving out those that could not be scored (NaN). */
  static double meanScore(List<Outcome> outcomes) {
    return outcomes.stream()
        .mapToDouble(Outcome::score)
        .filter(d -> !Double.isNaN(d))
        .average()
        .orElse(Double.NaN);
  }

  /** The suite's figure over its outcomes: accuracy unless a suite says otherwise. */
  double figure(List<Outcome> outcomes) {
    return outcomes.isEmpty()
        ? Double.NaN
        : (double) outcomes.stream().filter(Outcome::correct).count() / outcomes.size();
  }

  /** What a model is sent for an item: the published prompt as one user message. */
  List<Message> messages(Item it) {
    return List.of(Message.user(it.prompt()));
  }

  String promptVersion() {
    return name + "/as-published";
  }

  /** Whether an item can be graded with the judge at hand (null when none is configured). */
  boolean gradable(Item it, Judge judge) {
    return true;
  }

  /** Grades a model's full answer; suites that need a rule or a judge override this. */
  Outcome grade(Item it, String answer, Judge judge, int promptTokens, int completionTokens)
      throws LlmException, InterruptedException {
    return score(it, extract(answer == null ? "" : answer), promptTokens, completionTokens);
  }

  /**
   * Asks a model every item the run can grade, {@code parallel} requests at a time, reporting each
   * answer to {@code progress}; the others are not sent and are counted as skipped. Outcomes keep
   * the items' order whatever order the answers come in.
   */
  public Run runModel(LlmClient client, Judge judge, int parallel, Progress progress)
      throws LlmException, InterruptedException {
    Instant t0 = Instant.now();
    List<Item> todo = items.stream().filter(it -> gradable(it, judge)).toList();
    int notGradable = items.size() - todo.size();
    Outcome[] out = new Outcome[todo.size()];
    try (Progress.Task task = progress.start(name, todo.size(), Progress.Unit.ITEMS);
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      Semaphore gate = new Semaphore(Math.max(1, parallel));
      List<Future<Outcome>> answers = new ArrayList<>();
      for (Item it : todo) {
        answers.add(
            pool.submit(() -> {
              gate.acquire();
              try {
                Completion c = client.complete(messages(it));
                return grade(it, c.text(), judge, c.promptTokens(), c.completionTokens());
              } finally {
                gate.release();
                task.advance(1);
              }
            }));
      }
      for (int i = 0; i < out.length; i++) {
        try {
          out[i] = answers.get(i).get();
        } catch (ExecutionException e) {
          answers.forEach(f -> f.cancel(true));
          switch (e.getCause()) {
            case LlmException l -> throw l;
            case InterruptedException x -> throw x;
            case RuntimeException r -> throw r;
            default -> throw new LlmException(e.getCause().getMessage(), e.getCause());
          }
        }
      }
    }
    String reason = skipReason;
    if (notGradable > 0) {
      reason =
          (reason.isEmpty() ? "" : reason + "; ")
              + notGradable
              + " need a judge model (--judge-model) to be graded";
    }
    List<Outcome> outcomes = List.of(out);
    return new Run(
        name,
        sha256,
        client.describe(),
        promptVersion(),
        0,
        judge == null ? "" : judge.describe(),
        metric(),
        figure(outcomes),
        skipped + notGradable,
        reason,
        outcomes,
        Duration.between(t0, Instant.now()));
  }

  public Run runModel(LlmClient client, Judge judge) throws LlmException, InterruptedException {
    return runModel(client, judge, 1, Progress.none());
  }

  public Run runModel(LlmClient client) throws LlmException, InterruptedException {
    return runModel(client, null);
  }

  /** Bulwark's own engine on the same items, where one can answer them. */
  public Run runEngine(Embeddings embeddings, int folds, long seed) throws InputException {
    throw new InputException(
        "Bulwark's engine does not answer "
            + name
            + " (it answers "
            + String.join(", ", ModelSuites.withEngine())
            + ")");
  }

  /** A run record for an engine's answers. */
  Run engineRun(String method, long seed, List<Outcome> out, Instant t0) {
    return new Run(
        name,
        sha256,
        "bulwark",
        method,
        seed,
        "",
        metric(),
        figure(out),
        skipped,
        skipReason,
        out,
        Duration.between(t0, Instant.now()));
  }
}
