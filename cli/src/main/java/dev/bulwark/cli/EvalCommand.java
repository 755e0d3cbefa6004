package dev.bulwark.cli;

import dev.bulwark.core.errors.InputException;
import dev.bulwark.eval.Scorecard;
import dev.bulwark.eval.ScorecardWriter;
import dev.bulwark.eval.Suite;
import dev.bulwark.eval.Suites;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bulwark eval SUITE}: measures a capability on a labeled corpus and prints a scorecard. */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    description = {
      "Measure Bulwark's capabilities on labeled corpora.",
      "The scorecard is printed as Markdown; its last line is <suite>_score=NN.N."
    },
    subcommands = {
      EvalCommand.Secrets.class,
      EvalCommand.Sast.class,
      EvalCommand.FixEval.class,
      EvalCommand.Logs.class
    })
final class EvalCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** Options every suite understands. */
  abstract static class SuiteCommand implements Callable<Integer> {
    @Option(
        names = "--corpus",
        paramLabel = "DIR",
        description = "The labeled corpus (default: the one shipped with Bulwark).")
    Path corpus;

    @Option(
        names = "--json",
        paramLabel = "FILE",
        description = "Also write the scorecard as JSON.")
    Path json;

    @Option(
        names = "--markdown",
        paramLabel = "FILE",
        description = "Also write the Markdown scorecard to a file.")
    Path markdown;

    abstract String suiteName();

    Map<String, String> params() {
      return Map.of();
    }

    @Override
    public Integer call() throws InputException, IOException, InterruptedException {
      Suite suite =
          Suites.named(suiteName())
              .orElseThrow(() -> new InputException("no suite named " + suiteName()));
      Path dir = corpus != null ? corpus : suite.defaultCorpus();
      if (!Files.exists(dir)) {
        throw new InputException(dir + ": corpus not found (give one with --corpus)");
      }
      Scorecard card = suite.run(new Suite.Options(dir, params()));
      String md = ScorecardWriter.markdown(card);
      if (json != null) {
        Files.writeString(json, ScorecardWriter.json(card), StandardCharsets.UTF_8);
      }
      if (markdown != null) {
        Files.writeString(markdown, md, StandardCharsets.UTF_8);
      }
      System.out.print(md);
      System.out.flush();
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "secrets",
      mixinStandardHelpOptions = true,
      description = "Precision and recall of the secrets analyzer.")
  static final class Secrets extends SuiteCommand {
    @Override
    String suiteName() {
      return "secrets";
    }
  }

  @Command(
      name = "sast",
      mixinStandardHelpOptions = true,
      description = {
        "Java code analysis scored like OWASP Benchmark: per category TPR - FPR, averaged.",
        "A suite is a source tree with one file per test case and an expected-results CSV",
        "(# test name, category, real vulnerability, cwe)."
      })
  static final class Sast extends SuiteCommand {
    @Option(
        names = "--suite",
        paramLabel = "DIR",
        description = "The test suite's source tree (same as --corpus).")
    void suite(Path dir) {
      corpus = dir;
    }

    @Option(
        names = "--expected",
        paramLabel = "FILE.csv",
        description = "Expected results (default: expectedresults*.csv in the suite).")
    Path expected;

    @Override
    String suiteName() {
      return "sast";
    }

    @Override
    Map<String, String> params() {
      return expected == null
          ? Map.of()
          : Map.of(dev.bulwark.eval.sast.SastSuite.EXPECTED, expected.toAbsolutePath().toString());
    }
  }

  @Command(
      name = "fix",
      mixinStandardHelpOptions = true,
      description = {
        "Verified patches on a suite in the OWASP Benchmark layout: share of true findings with a",
        "verified patch, patches that compile, new findings, detection after applying them all."
      })
  static final class FixEval extends SuiteCommand {
    @Option(
        names = "--suite",
        paramLabel = "DIR",
        description = "The test suite's source tree (same as --corpus).")
    void suite(Path dir) {
      corpus = dir;
    }

    @Option(
        names = "--expected",
        paramLabel = "FILE.csv",
        description = "Expected results (default: expectedresults*.csv in the suite).")
    Path expected;

    @Override
    String suiteName() {
      return "fix";
    }

    @Override
    Map<String, String> params() {
      return expected == null
          ? Map.of()
          : Map.of(dev.bulwark.eval.sast.SastSuite.EXPECTED, expected.toAbsolutePath().toString());
    }
  }

  @Command(
      name = "logs",
      mixinStandardHelpOptions = true,
      description = {
        "Sigma hunting on attack recordings in folders named by ATT&CK tactic (default",
        "../shared/data/evtx/EVTX-ATTACK-SAMPLES): detection coverage, tactic match, and the",
        "pass rate of Sigma's regression data."
      })
  static final class Logs extends SuiteCommand {
    @Option(
        names = "--rules",
        paramLabel = "DIR",
        description = "Sigma rules (repeatable; default ../shared/data/sigma/rules*).")
    List<Path> rules = new java.util.ArrayList<>();

    @Option(
        names = "--regression",
        paramLabel = "DIR",
        description = "Sigma regression data (default ../shared/data/sigma/regression_data).")
    Path regression;

    @Override
    String suiteName() {
      return "logs";
    }

    @Override
    Map<String, String> params() {
      Map<String, String> p = new java.util.HashMap<>();
      if (!rules.isEmpty()) {
        p.put(
            dev.bulwark.eval.logs.LogsSuite.RULES,
            String.join(
                java.io.File.pathSeparator,
                rules.stream().map(r -> r.toAbsolutePath().toString()).toList()));
      }
      if (regression != null) {
        p.put(dev.bulwark.eval.logs.LogsSuite.REGRESSION, regression.toAbsolutePath().toString());
      }
      return p;
    }
  }
}
