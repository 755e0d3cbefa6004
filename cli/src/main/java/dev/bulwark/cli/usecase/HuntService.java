package dev.bulwark.cli.usecase;

import dev.bulwark.core.analysis.Cancellation;
import dev.bulwark.core.analysis.Progress;
import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.core.errors.DiagnosticSink;
import dev.bulwark.core.errors.InputException;
import dev.bulwark.logs.LogHunt;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Hunt: Sigma rules over log files, detections grouped into incidents. The team's {@code logs:} and
 * {@code assets:} settings apply wherever the hunt is started from.
 */
public final class HuntService {

  /**
   * The settings of {@code config}, with rule paths replaced and pipelines added when the caller
   * names any.
   */
  public LogHunt.Settings settings(BulwarkConfig config, List<Path> rules, List<Path> pipelines)
      throws InputException {
    LogHunt.Settings s =
        LogHunt.Settings.fromConfig(
            config.section("logs"), config.section("assets"), config.baseDir());
    if (!rules.isEmpty()) {
      s = s.withRules(rules);
    }
    if (!pipelines.isEmpty()) {
      List<Path> all = new ArrayList<>(s.pipelines());
      all.addAll(pipelines);
      s = s.withPipelines(all);
    }
    return s;
  }

  public LogHunt.Result hunt(
      List<Path> inputs,
      LogHunt.Settings settings,
      Progress progress,
      DiagnosticSink diagnostics,
      Cancellation cancellation)
      throws InputException, InterruptedException {
    return LogHunt.run(inputs, settings, progress, diagnostics, cancellation);
  }

  /** As above, abandoning any file the hunt spends longer than {@code budget} on. */
  public LogHunt.Result hunt(
      List<Path> inputs,
      LogHunt.Settings settings,
      Progress progress,
      DiagnosticSink diagnostics,
      Cancellation cancellation,
      dev.bulwark.core.analysis.FileTimeBudget budget)
      throws InputException, InterruptedException {
    return LogHunt.run(inputs, settings, progress, diagnostics, cancellation, budget);
  }
}
