package dev.bulwark.cli;

import dev.bulwark.cli.usecase.YaraService;
import dev.bulwark.core.errors.Diagnostic;
import dev.bulwark.core.model.Finding;
import dev.bulwark.core.model.Severity;
import dev.bulwark.core.report.ScanReport;
import dev.bulwark.yara.YaraFindings;
import dev.bulwark.yara.YaraScan;
import dev.bulwark.yara.engine.CompiledRules;
import dev.bulwark.yara.engine.RulesCache;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bulwark yara}: malware signatures in the YARA language, run by a pure-Java engine. */
@Command(
    name = "yara",
    mixinStandardHelpOptions = true,
    description = "Malware signatures: YARA rules over files, folders and archives.",
    subcommands = {YaraCommand.Scan.class, YaraCommand.Compile.class, YaraCommand.Generate.class})
final class YaraCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "scan",
      mixinStandardHelpOptions = true,
      description = {
        "Scan files, folders and archives with YARA rules.",
        "Each rule that matches a file is a finding (rule, tags, metadata, matched strings with",
        "offsets). Exit status 1 when a rule matched at or above --fail-on, 2 when a rule file",
        "does not compile (the error names file, line and column)."
      })
  static final class Scan implements Callable<Integer> {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(
        names = {"-r", "--rules"},
        required = true,
        paramLabel = "RULES",
        description = "A rule file or a folder of .yar/.yara files (repeatable).")
    List<Path> rules;

    @Option(
        names = {"-d", "--define"},
        paramLabel = "NAME=VALUE",
        description = "Set an external variable: true/false, an integer, a number or a string.")
    List<String> defines = new ArrayList<>();

    @Option(
        names = "--fail-on",
        paramLabel = "LEVEL",
        converter = Converters.SeverityConverter.class,
        description =
            "Exit with status 1 when a match is at this severity or worse (default: info).")
    Severity failOn = Severity.INFO;

    @Parameters(arity = "1..*", paramLabel = "TARGET")
    List<Path> targets;

    @ArgGroup(exclusive = false, multiplicity = "0..*")
    List<ReportOutput> outputs = new ArrayList<>();

    @picocli.CommandLine.Mixin OutputPolicy outputPolicy;

    @picocli.CommandLine.Mixin CommonOptions.Threads threads;

    @picocli.CommandLine.Mixin RulesCacheOptions cache;

    @Override
    public Integer call() throws Exception {
      ReportOutput.prepare(outputs, targets, outputPolicy);
      for (Path t : targets) {
        dev.bulwark.core.files.InputPaths.requireReadableKind(t);
      }
      YaraService service = new YaraService();
      Map<String, Object> externals = YaraService.externals(defines);
      Instant started = Instant.now();
      CompiledRules compiled = service.load(rules, externals, cache.dir()).rules();
      List<Diagnostic> diagnostics = Collections.synchronizedList(new ArrayList<>());
      YaraScan.Result result =
          service.scan(targets, compiled, externals, diagnostics::add, threads.value());
      List<Finding> findings = YaraFindings.of(result.matches());
      ScanReport report =
          ScanReport.ofSingleRun(
              dev.bulwark.core.files.SourceTree.baseDirFor(targets).toString(),
              targets.stream().map(Path::toString).toList(),
              started,
              result.files(),
              result.bytes(),
              YaraFindings.ANALYZER,
              "YARA",
              YaraFindings.rules(result.matches()),
              findings,
              diagnostics);
      ReportOutput.writeAll(spec, report, outputs);
      boolean failing = findings.stream().anyMatch(f -> f.severity().rank() >= failOn.rank());
      return failing ? ExitCodes.FINDINGS : ExitCodes.OK;
    }
  }

  /** {@code --no-cache} and {@code --data-dir}: whether and where compiled rule sets are kept. */
  static final class RulesCacheOptions {
    @Option(
        names = "--no-cache",
        description =
            "Compile the rules every time instead of reading and keeping them compiled in the"
                + " data directory (cache/yara).")
    boolean off;

    @picocli.CommandLine.Mixin CommonOptions.DataDirectory data;

    /** The cache folder, or null when the cache is off. */
    java.nio.file.Path dir() {
      return off ? null : RulesCache.folderIn(data.dir());
    }
  }

  @Command(
      name = "compile",
      mixinStandardHelpOptions = true,
      description = {
        "Compile rule files once into the compiled-rules cache, and count their rules and strings.",
        "Later scans with the same rule files read the compiled form instead of compiling again;",
        "editing any rule file (included ones too) or another Bulwark build compiles them anew.",
        "A rule file that does not compile is an error naming file, line and column (status 2)."
      })
  static final class Compile implements Callable<Integer> {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "RULES")
    List<Path> rules;

    @Option(
        names = {"-d", "--define"},
        paramLabel = "NAME=VALUE",
        description = "Declare an external variable the rules use.")
    List<String> defines = new ArrayList<>();

    @picocli.CommandLine.Mixin RulesCacheOptions cache;

    @Override
    public Integer call() throws Exception {
      YaraService service = new YaraService();
      long t0 = System.nanoTime();
      RulesCache.Load load = service.load(rules, YaraService.externals(defines), cache.dir());
      CompiledRules compiled = load.rules();
      var out = spec.commandLine().getOut();
      out.printf(
          java.util.Locale.ROOT,
          "%s %d rules with %d strings from %d files in %.2f s%n",
          load.status() == RulesCache.Status.LOADED ? "loaded" : "compiled",
          compiled.ruleCount(),
          compiled.stringCount(),
          service.ruleFiles(rules).size(),
          (System.nanoTime() - t0) / 1e9);
      out.println("cache: " + describe(load));
      out.flush();
      return ExitCodes.OK;
    }

    static String describe(RulesCache.Load load) {
      String where = load.file() == null ? "" : " " + load.file() + " (" + load.bytes() + " bytes)";
      String why = load.reason().isEmpty() ? "" : " — " + load.reason();
      return switch (load.status()) {
            case OFF -> "off";
            case LOADED -> "read" + where;
            case CREATED -> load.file() == null ? "not written" : "written" + where;
            case REBUILT_STALE -> "out of date, rewritten" + where;
            case REBUILT_DAMAGED -> "damaged, rewritten" + where;
          }
          + why;
    }
  }

  @Command(
      name = "generate",
      mixinStandardHelpOptions = true,
      description = {
        "Write a YARA rule from samples, proven before it is shown.",
        "Strings found in any goodware file are dropped; the rule must compile here and in real",
        "YARA (when installed), match every sample and match no goodware file. Exit status 1",
        "when a check fails (the rule is then not written)."
      })
  static final class Generate implements Callable<Integer> {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "SAMPLE")
    List<Path> samples;

    @Option(
        names = "--goodware",
        required = true,
        paramLabel = "DIR",
        description = "Files or folders no generated rule may match (repeatable).")
    List<Path> goodware;

    @Option(
        names = "--out",
        required = true,
        paramLabel = "RULE.yar",
        description = "Where to write the rule.")
    Path out;

    @Option(
        names = "--name",
        paramLabel = "NAME",
        description = "Rule name (default ${DEFAULT-VALUE}).")
    String name = "generated_signature";

    @picocli.CommandLine.Mixin OutputPolicy outputPolicy;

    @picocli.CommandLine.Mixin CommonOptions.Threads threads;

    @Override
    public Integer call() throws Exception {
      List<Path> inputs = new ArrayList<>(samples);
      inputs.addAll(goodware);
      dev.bulwark.core.files.OutputFile target = outputPolicy.check(out, inputs);
      if (!name.matches("[A-Za-z_][A-Za-z0-9_]{0,127}")) {
        throw new dev.bulwark.core.errors.InputException(
            "--name must be a YARA identifier: " + name);
      }
      var err =
          new java.io.PrintStream(
              new java.io.OutputStream() {
                @Override
                public void write(int b) {
                  spec.commandLine().getErr().write(b);
                }
              },
              true,
              java.nio.charset.StandardCharsets.UTF_8);
      var r =
          dev.bulwark.yara.generate.SignatureGenerator.generate(
              samples, goodware, name, threads.value(), err);
      err.flush();
      var o = spec.commandLine().getOut();
      o.print(r.rule());
      o.printf(
          "%nverification of %s:%n  candidates %d, dropped as present in goodware %d, chosen %d%n",
          name, r.candidates(), r.droppedByGoodware(), r.chosen().size());
      o.printf("  compiles in Bulwark: %s%n", r.compilesHere() ? "yes" : "no");
      o.printf("  real YARA: %s%n", r.realYara());
      o.printf("  matches samples: %d of %d%n", r.samplesMatched(), r.samples());
      o.printf("  goodware files matched: %d of %d%n", r.goodwareHits().size(), r.goodwareFiles());
      r.goodwareHits().stream().limit(10).forEach(h -> o.println("    " + h));
      o.printf("  verified: %s%n", r.verified() ? "yes" : "no");
      o.flush();
      if (!r.verified()) {
        return ExitCodes.FINDINGS;
      }
      target.write(os -> os.write(r.rule().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
      spec.commandLine().getErr().println("wrote " + out);
      return ExitCodes.OK;
    }
  }
}
