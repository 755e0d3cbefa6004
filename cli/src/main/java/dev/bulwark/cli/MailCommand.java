package dev.bulwark.cli;

import dev.bulwark.core.errors.Diagnostic;
import dev.bulwark.core.errors.InputException;
import dev.bulwark.core.model.Finding;
import dev.bulwark.core.model.Severity;
import dev.bulwark.core.report.ScanReport;
import dev.bulwark.core.terminal.TerminalText;
import dev.bulwark.mail.MailChecks;
import dev.bulwark.mail.MailFindings;
import dev.bulwark.mail.MailProperties;
import dev.bulwark.mail.MailVerdict;
import dev.bulwark.mail.message.MailMessage;
import dev.bulwark.mail.message.Reason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bulwark mail}: suspicious mail, judged with reasons. */
@Command(
    name = "mail",
    mixinStandardHelpOptions = true,
    description = "Social-engineering defence: judge suspicious mail.",
    subcommands = {MailCommand.Check.class, MailCommand.Train.class, MailCommand.Rules.class})
final class MailCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "rules",
      mixinStandardHelpOptions = true,
      description = {
        "List the mail checks and what each one adds.",
        "For each: id, the most points it adds, whether it counts alone (primary) or only beside",
        "primary points (supporting), where it looks, and what it means."
      })
  static final class Rules implements Callable<Integer> {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      spec.commandLine().getOut().print(dev.bulwark.mail.checks.RuleCatalog.text());
      spec.commandLine().getOut().flush();
      return 0;
    }
  }

  @Command(
      name = "check",
      mixinStandardHelpOptions = true,
      description = {
        "Judge messages: malicious, suspicious or clean, with the reasons.",
        ".eml, mbox and .msg files or directories; each reason says where in the message it was",
        "seen. Links are never fetched, attachments never opened."
      })
  static final class Check implements Callable<Integer> {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "PATH")
    List<Path> paths;

    @ArgGroup(exclusive = false, multiplicity = "0..*")
    List<ReportOutput> outputs = new ArrayList<>();

    @picocli.CommandLine.Mixin OutputPolicy outputPolicy;

    @picocli.CommandLine.Mixin CommonOptions.DataDirectory dataDir;

    @Option(
        names = "--fail-on",
        paramLabel = "LEVEL",
        converter = Converters.SeverityConverter.class,
        description =
            "Exit with status 1 when a message is judged at this level or worse (medium = suspicious).")
    Severity failOn;

    @Option(
        names = "--indicators",
        paramLabel = "FILE",
        description =
            "Write the indicators of suspicious and malicious messages (URLs, hosts, IPs, senders,"
                + " attachment hashes) as JSON.")
    Path indicatorsFile;

    @Option(
        names = "--stix",
        paramLabel = "FILE",
        description = "Write the same indicators as a STIX 2.1 bundle.")
    Path stixFile;

    @picocli.CommandLine.Mixin CommonOptions.Config config;

    @Override
    public Integer call() throws Exception {
      ReportOutput.prepare(outputs, paths, outputPolicy);
      dev.bulwark.core.files.OutputFile indicatorsOut = outputPolicy.check(indicatorsFile, paths);
      dev.bulwark.core.files.OutputFile stixOut = outputPolicy.check(stixFile, paths);
      Instant started = Instant.now();
      List<Finding> findings = new ArrayList<>();
      List<Diagnostic> diagnostics = new ArrayList<>();
      List<Path> files = mailFiles(paths, diagnostics);
      java.util.Optional<dev.bulwark.mail.MailModel> model =
          dev.bulwark.mail.MailModel.load(dataDir.dir());
      dev.bulwark.mail.message.MailSettings settings =
          dev.bulwark.mail.message.MailSettings.from(config.load(paths.get(0)));
      StringBuilder out = new StringBuilder();
      List<dev.bulwark.mail.Indicators> indicators = new ArrayList<>();
      int[] judged = {0};
      for (Path f : files) {
        boolean mailbox = dev.bulwark.mail.Mailboxes.isMailbox(f.getFileName().toString());
        try {
          // one message at a time: a mailbox of any size is judged in bounded memory
          dev.bulwark.mail.Mailboxes.read(
              f,
              f.toString(),
              new dev.bulwark.mail.Mailboxes.Visitor() {
                @Override
                public void message(MailMessage m) {
                  judged[0]++;
                  MailVerdict v = MailChecks.judge(m, settings);
                  if (model.isPresent()) {
                    v = model.get().judge(v);
                  }
                  MailFindings.of(v).ifPresent(findings::add);
                  if (v.verdict() != MailVerdict.Verdict.CLEAN) {
                    var found = dev.bulwark.mail.Indicators.of(v, settings);
                    if (!found.none()) {
                      indicators.add(found);
                    }
                  }
                  // file names, quoted subjects, senders and links come from the message
                  out.append(
                      String.format(
                          Locale.ROOT,
                          "%-10s %3d  %s%s%n",
                          v.verdict().name().toLowerCase(Locale.ROOT),
                          v.score(),
                          TerminalText.line(f.toString()),
                          mailbox ? " #" + m.index() : ""));
                  for (Reason r : v.reasons()) {
                    out.append(
                        String.format(
                            Locale.ROOT,
                            "    +%d %s  [%s]%n",
                            r.points(),
                            TerminalText.line(r.description()),
                            TerminalText.line(r.location())));
                  }
                }

                @Override
                public void problem(String source, int index, String problem) {
                  diagnostics.add(
                      Diagnostic.error(
                          "mail", source, (index > 0 ? "message " + index + ": " : "") + problem));
                }
              });
        } catch (IOException | RuntimeException e) {
          diagnostics.add(
              Diagnostic.error("mail", f.toString(), "unreadable message: " + e.getMessage()));
        }
      }
      if (judged[0] == 0 && !diagnostics.isEmpty()) {
        throw new InputException(
            "nothing could be read: "
                + String.join(
                    "; ", diagnostics.stream().limit(3).map(Diagnostic::display).toList()));
      }
      ScanReport report =
          ScanReport.ofSingleRun(
              "mail",
              List.of(),
              started,
              files.size(),
              0,
              MailFindings.ANALYZER,
              "Mail",
              MailFindings.rules(),
              findings,
              diagnostics);
      ReportOutput.writeAll(spec, report, outputs, false);
      com.fasterxml.jackson.databind.ObjectWriter pretty =
          new com.fasterxml.jackson.databind.ObjectMapper().writerWithDefaultPrettyPrinter();
      if (indicatorsOut != null) {
        indicatorsOut.write(
            os -> pretty.writeValue(os, dev.bulwark.mail.Indicators.json(indicators)));
      }
      if (stixOut != null) {
        stixOut.write(os ->
            pretty.writeValue(os, dev.bulwark.mail.Indicators.stix(indicators, Instant.now())));
      }
      if (!ReportOutput.anyOnStdout(outputs)) {
        spec.commandLine().getOut().print(out);
        spec.commandLine()
            .getOut()
            .print(dev.bulwark.core.report.DiagnosticSummary.render(diagnostics));
      }
      return failOn != null && report.hasFindingsAtLeast(failOn)
          ? ExitCodes.FINDINGS
          : ExitCodes.OK;
    }
  }

  /**
   * The mail files among the paths: directories walked by core's walker (links followed only inside
   * them, special files skipped and reported), links to FIFOs or devices skipped and reported, a
   * FIFO, device or socket named directly refused.
   */
  static List<Path> mailFiles(List<Path> paths, List<Diagnostic> diagnostics)
      throws IOException, InputException {
    List<Path> files = new ArrayList<>();
    for (Path p : paths) {
      dev.bulwark.core.files.InputPaths.requireReadableKind(p);
      String link = dev.bulwark.core.files.InputPaths.unreadableLink(p);
      if (link != null) {
        diagnostics.add(Diagnostic.warning("mail", p.toString(), link));
        continue;
      }
      if (!Files.isDirectory(p)) {
        files.add(p);
        continue;
      }
      List<Path> found = new ArrayList<>();
      dev.bulwark.core.files.SourceTree tree =
          dev.bulwark.core.files.SourceTree.walk(
              List.of(p),
              new dev.bulwark.core.files.WalkOptions(List.of(), List.of(), false, true),
              diagnostics::add);
      for (dev.bulwark.core.files.SourceFile f : tree.files()) {
        if (dev.bulwark.mail.Mailboxes.isMail(f.fileName())) {
          found.add(p.resolve(f.relativePath()));
        }
      }
      found.sort(null);
      files.addAll(found);
    }
    return files;
  }

  @Command(
      name = "train",
      mixinStandardHelpOptions = true,
      description = {
        "Train the learned mail model on a labelled corpus.",
        "The corpus has a labels.csv (file,label,…; label phishing or anything else); the model is",
        "kept in the data directory for bulwark mail check."
      })
  static final class Train implements Callable<Integer> {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(
        names = "--corpus",
        paramLabel = "DIR",
        description = "A labelled corpus: messages and labels.csv (file,label; phishing or not).")
    Path corpus;

    @Option(
        names = "--labels",
        paramLabel = "FILE",
        description =
            "The team's verdicts on mail findings, as label-store JSON lines (bulwark label"
                + " export, or GET /api/labels from the team server): true positives train as"
                + " phishing, false positives as not.")
    Path labelsFile;

    @Option(
        names = "--team-labels",
        description = "Also train on the verdicts in the data directory's label store.")
    boolean teamLabels;

    @Option(
        names = "--root",
        paramLabel = "DIR",
        description = "Where the labelled findings' message files are (default: here).")
    Path root = Path.of(".");

    @picocli.CommandLine.Mixin CommonOptions.DataDirectory dataDir;

    @Override
    public Integer call() throws Exception {
      if (corpus == null && labelsFile == null && !teamLabels) {
        throw new InputException("give --corpus, --labels or --team-labels");
      }
      Path dir = dataDir.dir();
      List<MailVerdict> verdicts = new ArrayList<>();
      List<Boolean> phishing = new ArrayList<>();
      if (corpus != null) {
        dev.bulwark.mail.MailCorpus c =
            dev.bulwark.mail.MailCorpus.load(
                corpus,
                problem -> spec.commandLine().getErr().println("bulwark: skipped " + problem));
        boolean[] labelled = c.phishing();
        for (int i = 0; i < labelled.length; i++) {
          verdicts.add(MailChecks.judge(c.messages().get(i)));
          phishing.add(labelled[i]);
        }
      }
      List<dev.bulwark.core.model.Label> team = new ArrayList<>();
      if (labelsFile != null) {
        team.addAll(dev.bulwark.triage.label.LabelStore.read(labelsFile));
      }
      if (teamLabels) {
        team.addAll(new dev.bulwark.triage.label.LabelStore(dir).current());
      }
      int fromLabels = 0;
      for (dev.bulwark.core.model.Label l : team) {
        if (!"mail".equals(l.analyzer())
            || l.verdict() == dev.bulwark.core.model.Verdict.WONT_FIX) {
          continue;
        }
        Path file = root.resolve(l.path());
        int index = MailProperties.MESSAGE_INDEX.in(l.properties()).orElse(0);
        MailMessage m = message(file, index);
        if (m == null) {
          spec.commandLine()
              .getErr()
              .println("bulwark: skipped a verdict on " + file + " #" + index + ": not found");
          continue;
        }
        verdicts.add(MailChecks.judge(m));
        phishing.add(l.verdict() == dev.bulwark.core.model.Verdict.TP);
        fromLabels++;
      }
      boolean[] y = new boolean[phishing.size()];
      for (int i = 0; i < y.length; i++) {
        y[i] = phishing.get(i);
      }
      if (verdicts.isEmpty() || !phishing.contains(true) || !phishing.contains(false)) {
        throw new InputException("need labelled phishing and non-phishing messages to train on");
      }
      var stored = dev.bulwark.mail.MailModel.train(verdicts, y, dir);
      spec.commandLine()
          .getOut()
          .println(
              "trained on "
                  + stored.messages()
                  + " messages ("
                  + stored.phishing()
                  + " phishing"
                  + (fromLabels > 0 ? "; " + fromLabels + " from the team's verdicts" : "")
                  + "); model in "
                  + dir.resolve(dev.bulwark.mail.MailModel.FILE));
      return ExitCodes.OK;
    }

    /** Message {@code index} of a file (0 for a single message), or null when it is not there. */
    private static MailMessage message(Path file, int index) throws IOException {
      if (!Files.isRegularFile(file)) {
        return null;
      }
      MailMessage[] found = {null};
      dev.bulwark.mail.Mailboxes.read(
          file,
          file.toString(),
          new dev.bulwark.mail.Mailboxes.Visitor() {
            @Override
            public void message(MailMessage m) {
              if (m.index() == index) {
                found[0] = m;
              }
            }

            @Override
            public void problem(String source, int i, String problem) {
              // an unreadable neighbour in a mailbox does not matter here
            }
          });
      return found[0];
    }
  }
}
