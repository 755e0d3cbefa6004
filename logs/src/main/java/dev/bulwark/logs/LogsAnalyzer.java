package dev.bulwark.logs;

import dev.bulwark.core.analysis.AnalysisException;
import dev.bulwark.core.analysis.Analyzer;
import dev.bulwark.core.analysis.AnalyzerInfo;
import dev.bulwark.core.analysis.FindingSink;
import dev.bulwark.core.analysis.Phase;
import dev.bulwark.core.analysis.ScanContext;
import dev.bulwark.core.config.DataDir;
import dev.bulwark.core.errors.Diagnostic;
import dev.bulwark.core.errors.InputException;
import dev.bulwark.core.files.SourceFile;
import dev.bulwark.core.model.Finding;
import dev.bulwark.core.model.RuleDescriptor;
import dev.bulwark.core.model.Severity;
import dev.bulwark.logs.hunt.Findings;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Hunts in the Windows event logs found in a scanned tree ({@code .evtx}, also gzipped), with the
 * rules and settings of bulwark.yaml's {@code logs} section. Other log formats are hunted with
 * {@code bulwark logs hunt}, since a .log or .json file in a source tree is rarely a log to hunt.
 * The rules are the ones {@code logs hunt} chooses: bulwark.yaml's {@code logs.rules} when given,
 * else Bulwark's pack with the SigmaHQ release installed in the data directory ({@code bulwark logs
 * rules update}).
 */
public final class LogsAnalyzer implements Analyzer {
  private static final AnalyzerInfo INFO =
      new AnalyzerInfo(
          "logs",
          "Log hunting",
          "Sigma rules, correlations and incidents over Windows event logs",
          Phase.LOGS);

  /** The data directory to take the installed rule release from; null for Bulwark's default. */
  private final Path dataDir;

  /** Takes the installed rule release from Bulwark's default data directory. */
  public LogsAnalyzer() {
    this(null);
  }

  /** Takes the installed rule release from {@code dataDir} (null: the default data directory). */
  public LogsAnalyzer(Path dataDir) {
    this.dataDir = dataDir;
  }

  @Override
  public AnalyzerInfo info() {
    return INFO;
  }

  @Override
  public List<RuleDescriptor> rules() {
    return List.of(
        new RuleDescriptor(
            "sigma",
            "Sigma detection",
            "An event matched a Sigma detection or correlation rule",
            "Each finding names the Sigma rule (id, author, ATT&CK tags) and the log record it matched.",
            Severity.MEDIUM,
            List.of(),
            List.of("logs", "sigma")));
  }

  static boolean isLog(SourceFile f) {
    String n = f.fileName().toLowerCase(Locale.ROOT);
    return n.endsWith(".evtx") || n.endsWith(".evtx.gz");
  }

  @Override
  public boolean appliesTo(ScanContext context) {
    return context.tree().files().stream().anyMatch(LogsAnalyzer::isLog);
  }

  @Override
  public void analyze(ScanContext ctx, FindingSink sink)
      throws AnalysisException, InterruptedException {
    List<Path> files =
        ctx.tree().files().stream().filter(LogsAnalyzer::isLog).map(SourceFile::path).toList();
    try {
      LogHunt.Settings s =
          LogHunt.Settings.fromConfig(
                  ctx.config().section("logs"),
                  ctx.config().section("assets"),
                  ctx.config().baseDir())
              .withThreads(ctx.options().threads());
      // resolved at scan time, so the data directory named by the environment then is the one used
      s = s.withChoice(s.choice().withDataDir(DataDir.resolve(dataDir)));
      LogHunt.Result r =
          LogHunt.run(
              files,
              s,
              ctx.progress(),
              ctx.diagnostics(),
              ctx.cancellation(),
              ctx.options().fileTimeBudget());
      for (Finding f : r.findings()) {
        sink.accept(f);
      }
    } catch (LogHunt.NothingReadable e) {
      // each log file's problem is already a diagnostic naming it; the other analyzers read them
      ctx.diagnostics()
          .report(
              Diagnostic.note(
                  "logs",
                  null,
                  "no events could be read from the log files; see their diagnostics"));
    } catch (InputException e) {
      throw new AnalysisException(e.getMessage(), e);
    }
  }

  /** Rule descriptors for the rules that fired, for reports built outside a scan. */
  public static List<RuleDescriptor> descriptors(LogHunt.Result r) {
    return Findings.descriptors(r.detections());
  }
}
