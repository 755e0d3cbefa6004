package dev.bulwark.cli;

import dev.bulwark.ai.llm.LlmSettings;
import dev.bulwark.cli.usecase.ThreatModelService;
import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.core.model.Severity;
import dev.bulwark.core.terminal.TerminalText;
import dev.bulwark.threatmodel.diagram.Dot;
import dev.bulwark.threatmodel.draft.Drafter;
import dev.bulwark.threatmodel.draft.LlmDrafter;
import dev.bulwark.threatmodel.draft.ProposalWriter;
import dev.bulwark.threatmodel.evidence.AssetMarks;
import dev.bulwark.threatmodel.format.OtmFormat;
import dev.bulwark.threatmodel.format.ThreagileWriter;
import dev.bulwark.threatmodel.report.AssetReport;
import dev.bulwark.threatmodel.report.DataAssetMatrix;
import dev.bulwark.threatmodel.report.PublishedCheck;
import dev.bulwark.threatmodel.report.RiskFindings;
import dev.bulwark.threatmodel.report.RiskMatrix;
import dev.bulwark.threatmodel.rules.Risk;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bulwark threatmodel}: threat models as code, checked against rules and scan evidence. */
@Command(
    name = "threatmodel",
    mixinStandardHelpOptions = true,
    description = "Threat models as code: risks from rules, diagrams, evidence from scans.",
    subcommands = {
      ThreatModelCommand.Check.class,
      ThreatModelCommand.Draft.class,
      ThreatModelCommand.Diagram.class,
      ThreatModelCommand.Convert.class
    })
final class ThreatModelCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "check",
      mixinStandardHelpOptions = true,
      description = {
        "Raise a model's risks from the risk rules, with evidence from a scan.",
        "MODEL is Threagile YAML (includes followed), Threat Dragon JSON, OTM or a CycloneDX TM-BOM.",
        "With --scan, findings of a Bulwark JSON report in an asset's code (tags path:PREFIX or",
        "component:PURL, or threatmodel.assets in bulwark.yaml for assets the model leaves",
        "unmarked) confirm its risks: likelihood one step up, each link citing the finding's",
        "fingerprint; a complete scan whose rules looked for a code weakness and found none marks",
        "the unchecked risk mitigated, naming those rules. --matrix writes the likelihood x impact",
        "matrix (.md, .html or .json); --data-matrix which technical assets process, store, send or",
        "receive which data assets, with the risks there; --asset-report a section per technical",
        "asset (what it is, its data and links, its risks worst first with their evidence).",
        "--publish leaves the check in the data directory for the",
        "team server's console (/console/threat-model). Exit status 1 when an open risk is at or",
        "above --fail-on."
      })
  static final class Check implements Callable<Integer> {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL")
    Path model;

    @Option(
        names = "--scan",
        paramLabel = "REPORT.json",
        description = "A Bulwark JSON scan report of the modelled code.")
    Path scan;

    @Option(
        names = "--rules",
        paramLabel = "DIR",
        description = "A folder of extra rule files (<id>.yaml).")
    Path rules;

    @Option(
        names = "--fail-on",
        paramLabel = "LEVEL",
        converter = Converters.SeverityConverter.class,
        description =
            "Exit with status 1 when an open risk is at this severity or worse (default: high).")
    Severity failOn = Severity.HIGH;

    @Option(
        names = "--matrix",
        paramLabel = "FILE",
        description =
            "Write the likelihood x impact risk matrix (open/total risks per cell); Markdown, HTML or JSON by the name's ending.")
    Path matrix;

    @Option(
        names = "--data-matrix",
        paramLabel = "FILE",
        description =
            "Write the data asset x technical asset matrix (processed, stored, sent, received; open/total risks in each cell); Markdown, HTML or JSON by the name's ending.")
    Path dataMatrix;

    @Option(
        names = "--asset-report",
        paramLabel = "FILE",
        description =
            "Write a report per technical asset (type, technologies, trust boundary, marks, data, incoming and outgoing links, risks worst first with their evidence); Markdown, HTML or JSON by the name's ending.")
    Path assetReport;

    @Option(
        names = "--publish",
        description =
            "Also leave the check (model, risks and evidence) in the data directory, where the"
                + " server's console page (/console/threat-model) shows it.")
    boolean publish;

    @picocli.CommandLine.Mixin CommonOptions.DataDirectory dataDir;

    @picocli.CommandLine.Mixin CommonOptions.Config config;

    @ArgGroup(exclusive = false, multiplicity = "0..*")
    List<ReportOutput> outputs = new ArrayList<>();

    @picocli.CommandLine.Mixin OutputPolicy outputPolicy;

    @Override
    public Integer call() throws Exception {
      List<Path> inputs = new ArrayList<>(List.of(model));
      if (scan != null) {
        inputs.add(scan);
      }
      ReportOutput.prepare(outputs, inputs, outputPolicy);
      String matrixFormat = matrix == null ? null : matrixFormat(matrix);
      var matrixOut = outputPolicy.check(matrix, inputs);
      String dataMatrixFormat = dataMatrix == null ? null : matrixFormat(dataMatrix);
      var dataMatrixOut = outputPolicy.check(dataMatrix, inputs);
      String assetReportFormat = assetReport == null ? null : matrixFormat(assetReport);
      var assetReportOut = outputPolicy.check(assetReport, inputs);
      BulwarkConfig cfg = config.load(model.toAbsolutePath().normalize().getParent());
      AssetMarks marks =
          AssetMarks.fromSection(
              cfg.section("threatmodel"),
              cfg.sourceFile().map(Path::toString).orElse("bulwark.yaml"));
      ThreatModelService.Checked c =
          new ThreatModelService()
              .check(
                  model,
                  scan,
                  rules,
                  marks,
                  note -> spec.commandLine().getErr().println("bulwark: note: " + note));
      ReportOutput.writeAll(spec, c.report(), outputs);
      if (matrixOut != null) {
        RiskMatrix m = RiskMatrix.of(c.risks());
        String text =
            switch (matrixFormat) {
              case "md" -> m.markdown();
              case "html" -> m.html();
              default -> m.json();
            };
        matrixOut.write(os -> os.write(text.getBytes(StandardCharsets.UTF_8)));
      }
      if (dataMatrixOut != null) {
        DataAssetMatrix m = DataAssetMatrix.of(c.model(), c.risks());
        String text =
            switch (dataMatrixFormat) {
              case "md" -> m.markdown();
              case "html" -> m.html();
              default -> m.json();
            };
        dataMatrixOut.write(os -> os.write(text.getBytes(StandardCharsets.UTF_8)));
      }
      if (assetReportOut != null) {
        AssetReport r = AssetReport.of(c.model(), c.risks());
        String text =
            switch (assetReportFormat) {
              case "md" -> r.markdown();
              case "html" -> r.html();
              default -> r.json();
            };
        assetReportOut.write(os -> os.write(text.getBytes(StandardCharsets.UTF_8)));
      }
      if (publish) {
        spec.commandLine()
            .getErr()
            .println(
                "published to "
                    + PublishedCheck.publish(
                        dataDir.dir(),
                        PublishedCheck.of(
                            model, c.model(), c.risks(), c.scanFindings(), Instant.now())));
      }
      long linked =
          c.risks().stream()
              .filter(r -> r.evidence().stream().anyMatch(e -> !e.fingerprint().isEmpty()))
              .count();
      long links =
          c.risks().stream()
              .flatMap(r -> r.evidence().stream())
              .filter(e -> !e.fingerprint().isEmpty())
              .count();
      long mitigated =
          c.risks().stream()
              .filter(r -> r.evidence().stream().anyMatch(e -> e.fingerprint().isEmpty()))
              .count();
      spec.commandLine()
          .getErr()
          .printf(
              "%d risks from %d rules on %d assets and %d links; %d risks with evidence (%d links to %d scan findings); %d marked mitigated by a clean scan%n",
              c.risks().size(),
              RiskFindings.countsByRule(c.risks()).size(),
              c.model().technicalAssets().size(),
              c.model().links().size(),
              linked,
              links,
              c.scanFindings(),
              mitigated);
      boolean failing =
          c.risks().stream()
              .filter(r -> r.status().open())
              .map(Risk::severity)
              .map(dev.bulwark.threatmodel.rules.Levels::reportSeverity)
              .anyMatch(s -> s.rank() >= failOn.rank());
      return failing ? ExitCodes.FINDINGS : ExitCodes.OK;
    }
  }

  @Command(
      name = "draft",
      mixinStandardHelpOptions = true,
      description = {
        "Propose a starting Threagile model from a repository.",
        "Services from build files, Dockerfiles and docker-compose; data stores from database",
        "drivers in the dependencies; links from URLs in configuration. Each element cites the",
        "file and line it rests on (printed to standard error). With --llm the configured model",
        "proposes more assets, links and threats; each is checked against the line it cites and",
        "listed as verified or unverified. With --into MODEL.yaml the proposals are made for that",
        "Threagile model instead of the draft, and the verified assets and links are written into",
        "it as added lines, the author's text left as it was."
      })
  static final class Draft implements Callable<Integer> {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PATH")
    Path repo;

    @Option(
        names = {"-o", "--output"},
        paramLabel = "MODEL.yaml",
        description = "Where to write the model (default: standard output).")
    Path out;

    @picocli.CommandLine.Mixin OutputPolicy outputPolicy;

    @Option(
        names = "--llm",
        description =
            "Ask the configured LLM (bulwark.yaml llm: or BULWARK_LLM_*) for assets, links and threats the draft misses.")
    boolean llm;

    @Option(
        names = "--into",
        paramLabel = "MODEL.yaml",
        description =
            "With --llm: propose for this Threagile model and write the verified assets and links"
                + " into it (added lines only; comments and formatting kept).")
    Path into;

    @picocli.CommandLine.Mixin CommonOptions.Config config;

    @Override
    public Integer call() throws Exception {
      ThreatModelService service = new ThreatModelService();
      dev.bulwark.core.files.OutputFile intoTarget = null;
      if (into != null) {
        if (!llm) {
          throw new dev.bulwark.core.errors.InputException(
              "--into writes the LLM's verified proposals: give --llm too");
        }
        if (out != null) {
          throw new dev.bulwark.core.errors.InputException(
              "--into edits the model in place: leave out -o");
        }
        intoTarget = outputPolicy.check(into, List.of());
        if (!java.nio.file.Files.isRegularFile(into)) {
          throw new dev.bulwark.core.errors.InputException(into + ": no such model file to edit");
        }
      }
      Drafter.Draft d = service.draft(repo);
      LlmDrafter.Result proposed = null;
      if (llm) {
        BulwarkConfig cfg = config.load(repo.toAbsolutePath().normalize());
        Configs.LlmSection section =
            Configs.llmSection(
                config.file(),
                cfg,
                System.getenv(),
                w -> spec.commandLine().getErr().println("bulwark: warning: " + w));
        LlmSettings settings =
            LlmSettings.resolve(section.section(), System.getenv(), section.baseDir())
                .orElseThrow(() ->
                    new dev.bulwark.core.errors.InputException(
                        "--llm: no model is configured (llm.endpoint and llm.model, or BULWARK_LLM_ENDPOINT and BULWARK_LLM_MODEL)"));
        Drafter.Draft base =
            into == null ? d : new Drafter.Draft(service.load(into), d.citations());
        proposed = service.propose(repo, base, settings.client());
      }
      if (into == null) {
        String yaml = ThreagileWriter.write(d.model());
        write(spec, outputPolicy, out, List.of(repo), yaml);
      }
      for (Drafter.Citation c : d.citations()) {
        spec.commandLine()
            .getErr()
            .printf("  %s: %s (%s:%d)%n", c.element(), c.claim(), c.file(), c.line());
      }
      spec.commandLine()
          .getErr()
          .printf(
              "drafted %d technical assets and %d links from %d cited facts%n",
              d.model().technicalAssets().size(), d.model().links().size(), d.citations().size());
      if (proposed != null) {
        for (LlmDrafter.Proposal p : proposed.proposals()) {
          spec.commandLine()
              .getErr()
              .printf(
                  "  [%s] %s %s: %s (%s:%d)%n",
                  p.verified() ? "verified" : "unverified: " + p.reason(),
                  p.kind(),
                  TerminalText.line(p.element()),
                  TerminalText.line(p.claim()),
                  TerminalText.line(p.file()),
                  p.line());
        }
        spec.commandLine()
            .getErr()
            .printf(
                "%s proposed %d elements, %d verified against the repository%s%n",
                proposed.model(),
                proposed.proposals().size(),
                proposed.verified(),
                proposed.rejected().isEmpty()
                    ? ""
                    : " (" + proposed.rejected().size() + " answers rejected by the schema)");
      }
      if (into != null) {
        ProposalWriter.Outcome o =
            service.withProposals(into, proposed.proposals(), proposed.model());
        if (!o.written().isEmpty()) {
          String text = o.text();
          intoTarget.write(os -> os.write(text.getBytes(StandardCharsets.UTF_8)));
        }
        for (ProposalWriter.Skipped k : o.skipped()) {
          spec.commandLine()
              .getErr()
              .printf(
                  "  not written: %s %s: %s%n",
                  k.proposal().kind(),
                  TerminalText.line(k.proposal().element()),
                  TerminalText.line(k.reason()));
        }
        spec.commandLine()
            .getErr()
            .printf(
                "wrote %d verified proposals into %s%s%n",
                o.written().size(),
                into,
                o.written().isEmpty()
                    ? ""
                    : " ("
                        + String.join(
                            ", ", o.written().stream().map(ProposalWriter.Written::id).toList())
                        + ")");
      }
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "diagram",
      mixinStandardHelpOptions = true,
      description = {
        "Draw a model's data-flow diagram as SVG (or DOT with --dot).",
        "Uses Graphviz's dot when installed, else a built-in layered layout; trust boundaries are",
        "clusters, unencrypted links red."
      })
  static final class Diagram implements Callable<Integer> {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL")
    Path model;

    @Option(
        names = {"-o", "--output"},
        required = true,
        paramLabel = "FILE.svg",
        description = "Where to write the diagram.")
    Path out;

    @Option(names = "--dot", description = "Write the Graphviz DOT source instead of SVG.")
    boolean dot;

    @Option(
        names = "--built-in",
        description = "Use the built-in layout even when Graphviz is installed.")
    boolean builtIn;

    @picocli.CommandLine.Mixin OutputPolicy outputPolicy;

    @Override
    public Integer call() throws Exception {
      ThreatModelService service = new ThreatModelService();
      String text;
      String renderer;
      if (dot) {
        text = Dot.of(service.load(model));
        renderer = "dot source";
      } else {
        var svg = service.diagram(model, builtIn);
        text = svg.text();
        renderer = svg.renderer();
      }
      write(spec, outputPolicy, out, List.of(model), text);
      spec.commandLine().getErr().println("wrote " + out + " (" + renderer + ")");
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "convert",
      mixinStandardHelpOptions = true,
      description = "Write a model in another format: threagile (YAML) or otm (JSON).")
  static final class Convert implements Callable<Integer> {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL")
    Path model;

    @Option(
        names = "--to",
        required = true,
        paramLabel = "FORMAT",
        description = "threagile or otm.")
    String to;

    @Option(
        names = {"-o", "--output"},
        paramLabel = "FILE",
        description = "Where to write (default: standard output).")
    Path out;

    @picocli.CommandLine.Mixin OutputPolicy outputPolicy;

    @Override
    public Integer call() throws Exception {
      var m = new ThreatModelService().load(model);
      String text =
          switch (to) {
            case "threagile" -> ThreagileWriter.write(m);
            case "otm" -> OtmFormat.write(m);
            default ->
                throw new dev.bulwark.core.errors.InputException(
                    "--to must be threagile or otm, got '" + to + "'");
          };
      write(spec, outputPolicy, out, List.of(model), text);
      return ExitCodes.OK;
    }
  }

  private static String matrixFormat(Path file) throws dev.bulwark.core.errors.InputException {
    String name = file.getFileName() == null ? "" : file.getFileName().toString();
    for (String ext : List.of("md", "html", "json")) {
      if (name.endsWith("." + ext)) {
        return ext;
      }
    }
    throw new dev.bulwark.core.errors.InputException(
        file + ": name it .md, .html or .json to choose the format");
  }

  private static void write(
      picocli.CommandLine.Model.CommandSpec spec,
      OutputPolicy policy,
      Path out,
      List<Path> inputs,
      String text)
      throws Exception {
    if (out == null) {
      spec.commandLine().getOut().print(text);
      spec.commandLine().getOut().flush();
      return;
    }
    policy.check(out, inputs).write(os -> os.write(text.getBytes(StandardCharsets.UTF_8)));
  }
}
