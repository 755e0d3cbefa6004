package dev.bulwark.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.cli.usecase.LabelService;
import dev.bulwark.core.errors.InputException;
import dev.bulwark.core.model.Label;
import dev.bulwark.core.model.Severity;
import dev.bulwark.core.model.Verdict;
import dev.bulwark.core.report.FindingJson;
import dev.bulwark.core.terminal.TerminalWriter;
import dev.bulwark.triage.label.LabelStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bulwark label}: defenders' verdicts on findings, kept for triage models and datasets. */
@Command(
    name = "label",
    mixinStandardHelpOptions = true,
    description = {
      "Record a verdict on findings.",
      "  bulwark label FINGERPRINT… --verdict tp|fp|wont-fix",
      "With --report, the finding's content is stored too, so the label can train models."
    },
    subcommands = {
      LabelCommand.ListCmd.class,
      LabelCommand.Export.class,
      LabelCommand.Import.class,
      LabelCommand.Similar.class
    })
final class LabelCommand extends DbCommand.WithDataDir implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Parameters(arity = "0..*", paramLabel = "FINGERPRINT", description = "Findings to label.")
  List<String> fingerprints = new ArrayList<>();

  @Option(names = "--verdict", paramLabel = "V", description = "tp, fp or wont-fix.")
  String verdict;

  @Option(
      names = "--severity",
      paramLabel = "S",
      converter = Converters.SeverityConverter.class,
      description = "The severity the team gives it, when it differs from Bulwark's.")
  Severity severity;

  @Option(names = "--note", paramLabel = "TEXT", description = "Why.")
  String note;

  @Option(
      names = "--report",
      paramLabel = "FILE",
      description =
          "A Bulwark JSON report holding the findings (their content is kept with the label).")
  Path report;

  @Option(
      names = "--by",
      paramLabel = "NAME",
      description = "Who gives the verdict (default: the OS user).")
  String by;

  @Override
  public Integer call() throws Exception {
    if (fingerprints.isEmpty()) {
      spec.commandLine().usage(spec.commandLine().getOut());
      return ExitCodes.OK;
    }
    if (verdict == null) {
      throw new InputException("--verdict is required (tp, fp or wont-fix)");
    }
    Verdict v;
    try {
      v = Verdict.parse(verdict);
    } catch (IllegalArgumentException e) {
      throw new InputException(e.getMessage());
    }
    JsonNode findings = report == null ? null : readReport(report).path("findings");
    List<Label> labels = new ArrayList<>();
    Instant now = Instant.now();
    String who = by != null ? by : System.getProperty("user.name", "unknown");
    for (String fp : fingerprints) {
      JsonNode f = findings == null ? null : find(findings, fp);
      if (findings != null && f == null) {
        throw new InputException(report + ": no finding with fingerprint " + fp);
      }
      labels.add(
          f == null
              ? Label.bare(
                  fp,
                  v,
                  severity == null ? null : severity.label(),
                  note,
                  who,
                  now,
                  LabelService.tool())
              : LabelService.of(finding(f, fp), v, severity, note, who, now));
    }
    LabelService store = new LabelService(dir());
    store.record(labels);
    new TerminalWriter(spec.commandLine().getOut())
        .println(
            "labelled "
                + labels.size()
                + (labels.size() == 1 ? " finding " : " findings ")
                + v.label()
                + " in "
                + store.file());
    return ExitCodes.OK;
  }

  private static JsonNode readReport(Path file) throws InputException {
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new InputException(file + ": not a Bulwark JSON report: " + e.getMessage());
    }
  }

  private static JsonNode find(JsonNode findings, String fp) {
    for (JsonNode f : findings) {
      if (fp.equals(f.path("fingerprint").asText())) {
        return f;
      }
    }
    return null;
  }

  private dev.bulwark.core.model.Finding finding(JsonNode f, String fp) throws InputException {
    try {
      return FindingJson.fromJson(f);
    } catch (RuntimeException e) {
      throw new InputException(
          report + ": finding " + fp + " is not a Bulwark finding: " + e.getMessage(), e);
    }
  }

  private static String text(JsonNode n, String field) {
    if (n == null) {
      return null;
    }
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "The current verdicts.")
  static final class ListCmd extends DbCommand.WithDataDir implements Callable<Integer> {
    @Override
    public Integer call() throws Exception {
      List<Label> labels = new LabelStore(dir()).current();
      for (Label l : labels) {
        new TerminalWriter(spec.commandLine().getOut())
            .printf(
                "%-10s %-8s %-28s %s%n",
                l.verdict().label(),
                l.severity() == null ? "" : l.severity(),
                l.ruleId() == null ? "" : l.ruleId(),
                l.fingerprint() + (l.note() == null ? "" : "  — " + l.note()));
      }
      new TerminalWriter(spec.commandLine().getOut()).println(labels.size() + " labelled findings");
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "export",
      mixinStandardHelpOptions = true,
      description = "Write the current verdicts as JSON lines.")
  static final class Export extends DbCommand.WithDataDir implements Callable<Integer> {
    @Option(
        names = {"-o", "--output"},
        required = true,
        paramLabel = "FILE")
    Path out;

    @picocli.CommandLine.Mixin OutputPolicy outputPolicy;

    @Override
    public Integer call() throws Exception {
      dev.bulwark.core.files.OutputFile target =
          outputPolicy.check(out, List.of(dir().resolve(LabelStore.FILE)));
      List<Label> labels = new LabelStore(dir()).current();
      StringBuilder text = new StringBuilder();
      for (Label l : labels) {
        text.append(dev.bulwark.core.text.LabelCodec.line(l)).append('\n');
      }
      target.writeString(text.toString());
      spec.commandLine().getErr().println("wrote " + labels.size() + " labels to " + out);
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "import",
      mixinStandardHelpOptions = true,
      description = "Add verdicts from a labels file (JSON lines).")
  static final class Import extends DbCommand.WithDataDir implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE")
    Path file;

    @Override
    public Integer call() throws Exception {
      if (!Files.isRegularFile(file)) {
        throw new InputException(file + ": no such file");
      }
      List<Label> labels;
      try {
        labels = LabelStore.read(file);
      } catch (IOException e) {
        throw new InputException(e.getMessage());
      }
      LabelStore store = new LabelStore(dir());
      store.add(labels);
      new TerminalWriter(spec.commandLine().getOut())
          .println("imported " + labels.size() + " labels into " + store.file());
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "similar",
      mixinStandardHelpOptions = true,
      description =
          "For each finding of a JSON report, the closest past verdicts (offline embeddings).")
  static final class Similar extends DbCommand.WithDataDir implements Callable<Integer> {
    @Option(
        names = "--report",
        required = true,
        paramLabel = "FILE",
        description = "A Bulwark JSON report.")
    Path report;

    @Option(
        names = "--top",
        paramLabel = "K",
        description = "Verdicts per finding (default ${DEFAULT-VALUE}).")
    int top = 3;

    @Option(
        names = "--min-similarity",
        paramLabel = "S",
        description = "Cosine similarity from 0 to 1 (default ${DEFAULT-VALUE}).")
    double minSimilarity = 0.6;

    @Override
    public Integer call() throws Exception {
      var similar =
          new LabelService(dir())
              .similarVerdicts()
              .orElseThrow(
                  () -> new InputException("no labels yet (record some with bulwark label)"));
      for (JsonNode f : readReport(report).path("findings")) {
        JsonNode loc = f.path("locations").path(0);
        var matches =
            similar.nearest(
                dev.bulwark.triage.label.SimilarVerdicts.text(
                    text(f, "ruleId"), text(f, "title"), text(f, "message"), text(loc, "snippet")),
                top,
                minSimilarity);
        new TerminalWriter(spec.commandLine().getOut())
            .println(text(f, "fingerprint") + "  " + text(f, "title") + "  " + text(loc, "path"));
        if (matches.isEmpty()) {
          new TerminalWriter(spec.commandLine().getOut()).println("    no similar past verdict");
        }
        for (var m : matches) {
          new TerminalWriter(spec.commandLine().getOut())
              .printf(
                  "    %.2f  %-8s %s%s%n",
                  m.similarity(),
                  m.label().verdict().label(),
                  m.label().title() == null ? m.label().fingerprint() : m.label().title(),
                  m.label().note() == null ? "" : "  — " + m.label().note());
        }
      }
      return ExitCodes.OK;
    }
  }
}
