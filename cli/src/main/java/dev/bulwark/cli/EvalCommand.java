package dev.bulwark.cli;

import dev.bulwark.core.errors.InputException;
import dev.bulwark.eval.Scorecard;
import dev.bulwark.eval.ScorecardWriter;
import dev.bulwark.eval.Suite;
import dev.bulwark.eval.suites.Suites;
import java.io.IOException;
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
      EvalCommand.RealCve.class,
      EvalCommand.Logs.class,
      EvalCommand.Model.class,
      EvalCommand.Mail.class,
      EvalCommand.Triage.class,
      EvalCommand.Port.class
    })
final class EvalCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Options every suite understands. */
  abstract static class SuiteCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(
        names = "--corpus",
        paramLabel = "DIR",
        description =
            "The labelled corpus (default: corpora/<suite> for the suites Bulwark ships, else the"
                + " location the command's description names).")
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

    /** The suite to run; a subcommand may build one with its own options. */
    Suite suite() throws InputException {
      return Suites.named(suiteName())
          .orElseThrow(() -> new InputException("no suite named " + suiteName()));
    }

    @picocli.CommandLine.Mixin OutputPolicy outputPolicy;

    @Override
    public Integer call() throws InputException, IOException, InterruptedException {
      List<Path> inputs = corpus == null ? List.of() : List.of(corpus);
      dev.bulwark.core.files.OutputFile jsonOut = outputPolicy.check(json, inputs);
      dev.bulwark.core.files.OutputFile markdownOut = outputPolicy.check(markdown, inputs);
      Suite suite = suite();
      Path dir = corpus != null ? corpus : suite.defaultCorpus();
      if (!Files.exists(dir)) {
        throw new InputException(
            dir
                + ": corpus not found"
                + (corpus == null
                    ? " (the default for eval " + suiteName() + ", which Bulwark does not ship)"
                    : "")
                + "; pass --corpus DIR with "
                + suite.corpusLayout());
      }
      Scorecard card = suite.run(new Suite.Options(dir, params()));
      String md = ScorecardWriter.markdown(card);
      if (json != null) {
        jsonOut.writeString(ScorecardWriter.json(card));
      }
      if (markdown != null) {
        markdownOut.writeString(md);
      }
      spec.commandLine().getOut().print(md);
      spec.commandLine().getOut().flush();
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

  /** Suites in the OWASP Benchmark layout: a source tree and an expected-results CSV. */
  abstract static class BenchmarkLayoutCommand extends SuiteCommand {
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
    Map<String, String> params() {
      return expected == null
          ? Map.of()
          : Map.of(dev.bulwark.eval.sast.SastSuite.EXPECTED, expected.toAbsolutePath().toString());
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
  static final class Sast extends BenchmarkLayoutCommand {

    @Override
    String suiteName() {
      return "sast";
    }
  }

  @Command(
      name = "fix",
      mixinStandardHelpOptions = true,
      description = {
        "Score verified patches on a suite in the OWASP Benchmark layout.",
        "Share of true findings with a verified patch, patches that compile, new findings,",
        "detection after applying them all."
      })
  static final class FixEval extends BenchmarkLayoutCommand {

    @Override
    String suiteName() {
      return "fix";
    }
  }

  @Command(
      name = "realcve",
      mixinStandardHelpOptions = true,
      description = {
        "Score the Java analyzer on real CVEs in real projects, at method level.",
        "Found: a finding of the CVE's CWE inside a method its fix changed; alert precision per",
        "CWE; scan time and peak heap per project. The projects are not shipped: --corpus DIR",
        "(default ../shared/data/realcve beside Bulwark's checkout) holds projects.csv,",
        "fix_method_lines.csv and one source tree per CVE."
      })
  static final class RealCve extends SuiteCommand {
    @Option(
        names = "--only",
        paramLabel = "CVE[,CVE...]",
        description = "Scan only these CVEs (or row ids); scans run one project at a time.")
    String only;

    @Option(
        names = "--specs",
        description =
            "Infer each project's specifications first (as bulwark code specs does) and scan with"
                + " them as a rule pack.")
    boolean specs;

    @Override
    String suiteName() {
      return "realcve";
    }

    @Override
    Map<String, String> params() {
      Map<String, String> p = new java.util.HashMap<>();
      if (only != null) {
        p.put(dev.bulwark.eval.realcve.RealCveSuite.ONLY, only);
      }
      if (specs) {
        p.put(dev.bulwark.eval.realcve.RealCveSuite.SPECS, "true");
      }
      return Map.copyOf(p);
    }
  }

  @Command(
      name = "logs",
      mixinStandardHelpOptions = true,
      description = {
        "Score Sigma hunting on attack recordings filed by ATT&CK tactic.",
        "Detection coverage, tactic match, and the pass rate of Sigma's regression data. The",
        "recordings are not shipped: --corpus DIR (default ../shared/data/evtx/EVTX-ATTACK-SAMPLES",
        "beside Bulwark's checkout) holds EVTX files in folders named by tactic."
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

    @Option(
        names = "--default-rules",
        description =
            "Hunt with the default rule set (Bulwark's pack, plus the SigmaHQ release installed in"
                + " --data-dir when there is one) instead of SigmaHQ's rule folders.")
    boolean defaultRules;

    @Option(
        names = "--data-dir",
        paramLabel = "DIR",
        description = "Data directory holding an installed SigmaHQ release (with --default-rules).")
    Path dataDir;

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
      if (defaultRules) {
        p.put(
            dev.bulwark.eval.logs.LogsSuite.DEFAULT_RULES,
            dataDir == null ? "" : dataDir.toAbsolutePath().toString());
      }
      return p;
    }
  }

  @Command(
      name = "model",
      mixinStandardHelpOptions = true,
      description = {
        "Score a model or Bulwark's engine on a security benchmark suite.",
        "Any OpenAI-compatible endpoint or Ollama, or Bulwark's engine (--model bulwark); prints a",
        "run record and model_score=NN.N (model_mad for vectors).",
        "Suites (default data ../shared/data/evals/ctibench/cti-<task>.tsv): ctibench-rcm (CVE",
        "description → CWE), ctibench-mcq (multiple choice on CTI knowledge), ctibench-vsp (CVE",
        "description → CVSS v3.1 vector, scored by base-score deviation) and ctibench-ate (ATT&CK",
        "techniques named in a malware or group description, F1); cyberseceval-frr (benign but",
        "borderline requests, false refusal rate; default ../shared/data/evals/cyberseceval/",
        "mitre_frr.json); bulwark-triage (is this finding a true positive? Bulwark's shipped",
        "verdicts in corpora/triage, balanced accuracy); bulwark-evtx-tactic (which ATT&CK tactic",
        "does a recording show? EVTX files in folders named by tactic, default",
        "../shared/data/evtx/EVTX-ATTACK-SAMPLES); bulwark-mail (is this message phishing? a",
        "corpus with labels.csv, default ../shared/data/phishing; F1). The engine answers rcm, vsp,",
        "triage, tactic and mail."
      })
  static final class Model implements Callable<Integer> {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(
        names = "--suite",
        required = true,
        paramLabel = "S",
        description =
            "ctibench-rcm, ctibench-mcq, ctibench-vsp, ctibench-ate, ctibench-taa,"
                + " cyberseceval-frr, cyberseceval-prompt-injection, cyberseceval-interpreter,"
                + " bulwark-triage, bulwark-evtx-tactic or bulwark-mail")
    String suite;

    @Option(
        names = "--endpoint",
        paramLabel = "URL",
        description = "OpenAI-compatible base URL (or BULWARK_LLM_ENDPOINT).")
    String endpoint;

    @Option(
        names = "--model",
        paramLabel = "NAME",
        description = "The model to ask, or 'bulwark' for the engine baseline.")
    String model;

    @Option(
        names = "--judge-endpoint",
        paramLabel = "URL",
        description =
            "Base URL of the judge model, for answers no rule can grade (default: --endpoint).")
    String judgeEndpoint;

    @Option(
        names = "--judge-model",
        paramLabel = "NAME",
        description =
            "The judge model, pinned for the whole run and named in the record (its API key from"
                + " BULWARK_JUDGE_API_KEY, else the model's).")
    String judgeModel;

    @Option(names = "--data", paramLabel = "FILE", description = "The suite's data file.")
    Path data;

    @Option(
        names = "--price-input",
        paramLabel = "P",
        description =
            "Price per million prompt tokens, for the cost figure (or BULWARK_LLM_PRICE_INPUT).")
    String priceInput;

    @Option(
        names = "--price-output",
        paramLabel = "P",
        description = "Price per million completion tokens (or BULWARK_LLM_PRICE_OUTPUT).")
    String priceOutput;

    @Option(names = "--limit", paramLabel = "N", description = "Only the first N items (0 = all).")
    int limit;

    @Option(
        names = "--seed",
        paramLabel = "N",
        description = "Fold assignment for the engine baseline (default ${DEFAULT-VALUE}).")
    long seed = 42;

    @Option(
        names = "--json",
        paramLabel = "FILE",
        description = "Also write the run record with every answer.")
    Path json;

    @Option(
        names = "--parallel",
        paramLabel = "N",
        description =
            "Requests in flight at once (default ${DEFAULT-VALUE}; mind the endpoint's rate"
                + " limits — 429s are waited out and retried).")
    int parallel = 1;

    @Option(names = "--no-progress", description = "No progress bar on the terminal.")
    boolean noProgress;

    @picocli.CommandLine.Mixin OutputPolicy outputPolicy;

    @Override
    public Integer call() throws Exception {
      dev.bulwark.core.files.OutputFile jsonOut =
          outputPolicy.check(json, data == null ? List.of() : List.of(data));
      Path file =
          data != null
              ? data
              : dev.bulwark.eval.model.ModelSuites.defaultData(suite, dev.bulwark.eval.Home.dir());
      var s = dev.bulwark.eval.model.ModelSuites.load(suite, file, limit);
      dev.bulwark.eval.model.Run run;
      dev.bulwark.ai.llm.LlmSettings.Prices prices = dev.bulwark.ai.llm.LlmSettings.Prices.UNKNOWN;
      if ("bulwark".equals(model)) {
        run = s.runEngine(new dev.bulwark.ai.embed.Embeddings(), 5, seed);
      } else {
        java.util.Map<String, String> env = new java.util.HashMap<>(System.getenv());
        if (endpoint != null) {
          env.put("BULWARK_LLM_ENDPOINT", endpoint);
        }
        if (model != null) {
          env.put("BULWARK_LLM_MODEL", model);
        }
        if (priceInput != null) {
          env.put("BULWARK_LLM_PRICE_INPUT", priceInput);
        }
        if (priceOutput != null) {
          env.put("BULWARK_LLM_PRICE_OUTPUT", priceOutput);
        }
        var settings =
            dev.bulwark.ai.llm.LlmSettings.resolve(
                    new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode(),
                    env,
                    Path.of("."))
                .orElseThrow(
                    () -> new InputException("give --endpoint and --model (or --model bulwark)"));
        dev.bulwark.eval.model.Judge judge = null;
        if (judgeModel != null) {
          java.util.Map<String, String> judgeEnv = new java.util.HashMap<>(env);
          judgeEnv.put(
              "BULWARK_LLM_ENDPOINT", judgeEndpoint != null ? judgeEndpoint : settings.endpoint());
          judgeEnv.put("BULWARK_LLM_MODEL", judgeModel);
          String key = System.getenv("BULWARK_JUDGE_API_KEY");
          if (key != null && !key.isBlank()) {
            judgeEnv.put("BULWARK_LLM_API_KEY", key);
          }
          judge =
              new dev.bulwark.eval.model.Judge(
                  dev.bulwark.ai.llm.LlmSettings.resolve(
                          new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode(),
                          judgeEnv,
                          Path.of("."))
                      .orElseThrow()
                      .client());
        } else if (dev.bulwark.eval.model.ModelSuites.needsJudge(suite)) {
          throw new InputException(suite + " is graded by a judge model: give --judge-model");
        }
        try (Terminals.ProgressScope progress = Terminals.progress(noProgress)) {
          run = s.runModel(settings.client(), judge, parallel, progress.progress());
        }
        prices = settings.prices();
      }
      StringBuilder out =
          new StringBuilder("# Model eval: ")
              .append(run.suite())
              .append("\n\n| field | value |\n|---|---|\n");
      out.append("| model | ").append(run.model()).append(" |\n");
      if (!run.judge().isEmpty()) {
        out.append("| judge | ").append(run.judge()).append(" |\n");
      }
      out.append("| suite file | ")
          .append(file.getFileName())
          .append(" (sha256 ")
          .append(run.suiteSha256(), 0, 16)
          .append("…) |\n");
      out.append("| prompt version | ").append(run.promptVersion()).append(" |\n");
      out.append("| seed | ").append(run.seed()).append(" |\n");
      out.append("| items | ").append(run.outcomes().size()).append(" |\n");
      if (run.skipped() > 0) {
        out.append("| items left out | ")
            .append(run.skipped())
            .append(" (")
            .append(run.skipReason())
            .append(") |\n");
      }
      out.append("| ")
          .append(run.metricName())
          .append(" | ")
          .append(run.metricKind().format(run.metric()))
          .append(" |\n");
      out.append(
          String.format(
              java.util.Locale.ROOT,
              "| pass@1 (one answer per item, exactly right) | %.1f %% |%n",
              100 * run.accuracy()));
      out.append(
          String.format(
              java.util.Locale.ROOT, "| answers read | %.1f %% |%n", 100 * run.answered()));
      out.append("| tokens | ").append(run.tokens()).append(" |\n");
      long promptTokens = run.outcomes().stream().mapToLong(o -> o.promptTokens()).sum();
      long completionTokens = run.outcomes().stream().mapToLong(o -> o.completionTokens()).sum();
      out.append("| cost | ")
          .append(
              prices.known()
                  ? String.format(
                      java.util.Locale.ROOT, "%.6f", prices.cost(promptTokens, completionTokens))
                  : "n/a (no prices configured)")
          .append(" |\n");
      out.append(
          String.format(
              java.util.Locale.ROOT, "| wall time | %.1f s |%n", run.wall().toMillis() / 1000.0));
      out.append("\n").append(run.metricKind().summary(run.metric())).append("\n");
      spec.commandLine().getOut().print(out);
      if (json != null) {
        jsonOut.writeString(
            new com.fasterxml.jackson.databind.ObjectMapper()
                .findAndRegisterModules()
                .writerWithDefaultPrettyPrinter()
                .writeValueAsString(run));
      }
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "mail",
      mixinStandardHelpOptions = true,
      description = {
        "Score phishing detection on a labelled mail corpus.",
        "The checks alone, and the learned model under 5-fold cross-validation with and without",
        "era headers. The corpus is not shipped: --corpus DIR (default ../shared/data/phishing",
        "beside Bulwark's checkout) holds messages and a labels.csv of file,label rows."
      })
  static final class Mail extends SuiteCommand {
    @Option(
        names = "--seed",
        paramLabel = "N",
        description = "How messages are dealt into folds (default ${DEFAULT-VALUE}).")
    long seed = 42;

    @Override
    String suiteName() {
      return "mail";
    }

    @Option(
        names = "--held-out",
        paramLabel = "DIR",
        description =
            "A second labelled corpus (labels.csv), never trained on: the model trained on the"
                + " whole --corpus is scored on it, with and without era headers.")
    Path heldOut;

    @Option(
        names = "--by-check",
        description =
            "Also list, for every check that fired, on how many phishing, spam and ham messages"
                + " (with all headers and with era headers stripped).")
    boolean byCheck;

    @Override
    Map<String, String> params() {
      Map<String, String> p = new java.util.HashMap<>();
      p.put(dev.bulwark.eval.mail.MailSuite.SEED, Long.toString(seed));
      if (byCheck) {
        p.put(dev.bulwark.eval.mail.MailSuite.BY_CHECK, "true");
      }
      if (heldOut != null) {
        p.put(dev.bulwark.eval.mail.MailSuite.HELD_OUT, heldOut.toAbsolutePath().toString());
      }
      return p;
    }
  }

  @Command(
      name = "triage",
      mixinStandardHelpOptions = true,
      description = {
        "Compare learned triage with severity order.",
        "Stratified cross-validation: ROC AUC and precision@k of both, on the shipped verdicts",
        "(corpora/triage) or on your own labels."
      })
  static final class Triage extends SuiteCommand {
    @Option(
        names = "--labels",
        paramLabel = "FILE",
        description =
            "A labels file (e.g. from 'bulwark label export') instead of the shipped one.")
    Path labels;

    @Option(
        names = "--build-labels",
        description = "Rebuild corpora/triage/labels.jsonl from Bulwark's corpora first.")
    boolean build;

    @Option(names = "--folds", defaultValue = "5", description = "Cross-validation folds.")
    int folds;

    @Option(names = "--k", defaultValue = "10", description = "Cut-off for precision@k.")
    int k;

    @Option(names = "--seed", defaultValue = "42", description = "Seed for the fold split.")
    int seed;

    @Override
    String suiteName() {
      return "triage";
    }

    @Override
    Map<String, String> params() {
      Map<String, String> p = new java.util.HashMap<>();
      if (labels != null) {
        p.put(dev.bulwark.eval.triage.TriageSuite.LABELS, labels.toAbsolutePath().toString());
      }
      if (build) {
        p.put(dev.bulwark.eval.triage.TriageSuite.BUILD, "true");
      }
      p.put(dev.bulwark.eval.triage.TriageSuite.FOLDS, Integer.toString(folds));
      p.put(dev.bulwark.eval.triage.TriageSuite.K, Integer.toString(k));
      p.put(dev.bulwark.eval.triage.TriageSuite.SEED, Integer.toString(seed));
      return p;
    }
  }

  @Command(
      name = "port",
      mixinStandardHelpOptions = true,
      description = {
        "Score C-to-safe-Rust porting on a suite of tasks.",
        "Tasks follow the CRUST-Bench layout: per task src/ (C), interface/<task>.rs and tests/.",
        "Reports tasks solved, functions accepted, tokens and wall time.",
        "Builds and runs each task's C and Rust (gcc, cargo offline) in temporary directories."
      })
  static final class Port extends SuiteCommand {
    @Option(
        names = "--suite",
        paramLabel = "DIR",
        description = "The tasks (same as --corpus; default corpora/port).")
    void suite(Path dir) {
      corpus = dir;
    }

    @Option(
        names = "--model",
        defaultValue = "none",
        paramLabel = "none|configured",
        description =
            "none: the deterministic pass alone; configured: also the LLM from bulwark.yaml llm: or BULWARK_LLM_*.")
    String model;

    @picocli.CommandLine.Mixin CommonOptions.Config config;

    @Override
    String suiteName() {
      return "port";
    }

    @Override
    Suite suite() throws InputException {
      if (model.equals("none")) {
        return new dev.bulwark.eval.port.PortSuite();
      }
      if (!model.equals("configured")) {
        throw new InputException("--model must be none or configured, got '" + model + "'");
      }
      Path base = Path.of("").toAbsolutePath();
      var cfg = config.load(base);
      Configs.LlmSection section =
          Configs.llmSection(
              config.file(),
              cfg,
              System.getenv(),
              w -> spec.commandLine().getErr().println("bulwark: warning: " + w));
      var settings =
          dev.bulwark.ai.llm.LlmSettings.resolve(
              section.section(), System.getenv(), section.baseDir());
      if (settings.isEmpty()) {
        throw new InputException(
            "--model configured: no model is configured (llm.endpoint and llm.model, or BULWARK_LLM_*)");
      }
      return new dev.bulwark.eval.port.PortSuite(java.util.Optional.of(settings.get().client()));
    }
  }
}
