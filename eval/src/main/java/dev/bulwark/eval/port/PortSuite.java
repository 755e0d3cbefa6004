package dev.bulwark.eval.port;

import dev.bulwark.ai.llm.LlmClient;
import dev.bulwark.core.errors.InputException;
import dev.bulwark.eval.Home;
import dev.bulwark.eval.Metrics;
import dev.bulwark.eval.Scorecard;
import dev.bulwark.eval.Suite;
import dev.bulwark.port.PortEngine;
import dev.bulwark.port.PortResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * C-to-safe-Rust porting on tasks in the CRUST-Bench layout (per task {@code src/} C, {@code
 * interface/<task>.rs}, {@code tests/}): tasks solved (the crate builds offline, has no unsafe,
 * passes Clippy, implements the interface and passes the tests), functions accepted by the gates,
 * model tokens and wall time per task. Without a model it measures the deterministic pass.
 */
public final class PortSuite implements Suite {
  /** Parameter: keep each task's crate under this directory instead of a temporary one. */
  public static final String KEEP = "keep";

  private final Optional<LlmClient> model;

  public PortSuite() {
    this(Optional.empty());
  }

  public PortSuite(Optional<LlmClient> model) {
    this.model = model;
  }

  @Override
  public String name() {
    return "port";
  }

  @Override
  public String description() {
    return "C to safe Rust: tasks solved (builds, no unsafe, Clippy, interface, tests) and functions "
        + "accepted by the build, safety, Clippy and differential gates; model: "
        + model.map(LlmClient::describe).orElse("none (deterministic pass)")
        + ".";
  }

  @Override
  public Path defaultCorpus() {
    return Home.dir().resolve("corpora/port");
  }

  @Override
  public String corpusLayout() {
    return "a directory of tasks, each with src/ (C), interface/<task>.rs, tests/*.rs and"
        + " optionally ctests/*.c (C test programs whose calls are traced)";
  }

  @Override
  public Scorecard run(Options options) throws InputException, IOException, InterruptedException {
    long t0 = System.nanoTime();
    List<Path> tasks;
    try (Stream<Path> s = Files.list(options.corpus())) {
      tasks = s.filter(p -> Files.isDirectory(p.resolve("src"))).sorted().toList();
    }
    if (tasks.isEmpty()) {
      throw new InputException(options.corpus() + ": no tasks (directories with src/)");
    }
    Path keep = options.params().containsKey(KEEP) ? Path.of(options.params().get(KEEP)) : null;
    Path scratch = keep != null ? keep : Files.createTempDirectory("bulwark-eval-port");
    int solved = 0;
    long functions = 0;
    long accepted = 0;
    long promptTokens = 0;
    long completionTokens = 0;
    Map<String, String> facts = new LinkedHashMap<>();
    List<String> errors = new ArrayList<>();
    for (Path task : tasks) {
      String name = task.getFileName().toString();
      Optional<Path> iface = Optional.of(task.resolve("interface")).filter(Files::isDirectory);
      Optional<Path> tests = Optional.of(task.resolve("tests")).filter(Files::isDirectory);
      Optional<Path> cTests = Optional.of(task.resolve("ctests")).filter(Files::isDirectory);
      PortEngine.Options o =
          new PortEngine.Options(
              task.resolve("src"), scratch.resolve(name), iface, tests, cTests, model, 2, 42, 200);
      try {
        PortResult r = new PortEngine(o).run();
        boolean ok = r.gates().solved();
        solved += ok ? 1 : 0;
        functions += r.functions().size();
        accepted += r.accepted();
        promptTokens += r.promptTokens();
        completionTokens += r.completionTokens();
        facts.put(
            "task " + name,
            String.format(
                Locale.ROOT,
                "%s, %d/%d functions, tests %d passed / %d failed, %.1f s",
                ok ? "solved" : "unsolved",
                r.accepted(),
                r.functions().size(),
                r.gates().testsPassed(),
                r.gates().testsFailed(),
                r.wallTime().toMillis() / 1000.0));
        if (!ok) {
          errors.add(
              name
                  + ": not solved"
                  + (r.gates().missingFromInterface().isEmpty()
                      ? ""
                      : " (unimplemented: "
                          + String.join(", ", r.gates().missingFromInterface())
                          + ")"));
        }
      } catch (InputException e) {
        errors.add(name + ": " + e.getMessage());
        facts.put("task " + name, "error: " + e.getMessage());
      }
    }
    if (keep == null) {
      deleteTree(scratch);
    }
    facts.put("tasks solved", solved + " / " + tasks.size());
    facts.put("functions accepted", accepted + " / " + functions);
    facts.put("model", model.map(LlmClient::describe).orElse("none"));
    facts.put("tokens", promptTokens + " prompt + " + completionTokens + " completion");
    double score = 100.0 * solved / tasks.size();
    return new Scorecard(
        "port",
        description(),
        "port_score",
        score,
        Metrics.empty(),
        List.of(),
        facts,
        Duration.ofNanos(System.nanoTime() - t0),
        errors);
  }

  private static void deleteTree(Path p) throws IOException {
    try (Stream<Path> s = Files.walk(p)) {
      for (Path x : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(x);
      }
    }
  }
}
