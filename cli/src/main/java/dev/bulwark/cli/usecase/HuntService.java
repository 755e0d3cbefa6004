package dev.bulwark.cli.usecase;

import dev.bulwark.core.analysis.Cancellation;
import dev.bulwark.core.analysis.Progress;
import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.core.errors.DiagnosticSink;
import dev.bulwark.core.errors.InputException;
import dev.bulwark.logs.LogHunt;
import dev.bulwark.net.NetSummary;
import dev.bulwark.net.ZeekRun;
import dev.bulwark.net.zeek.NetOptions;
import dev.bulwark.net.zeek.ZeekLogWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Hunt: Sigma rules over log files, detections grouped into incidents. The team's {@code logs:} and
 * {@code assets:} settings apply wherever the hunt is started from.
 */
public final class HuntService {

  /**
   * The rule selection of every hunt, whoever starts it ({@code logs hunt}, MCP {@code hunt_logs}):
   * the settings of {@code config} with rule paths replaced and pipelines added when the caller
   * names any; without rule paths, Bulwark's pack and the SigmaHQ release installed in {@code
   * dataDir} ({@code bulwark logs rules update}), whose parsed rules are cached there too.
   */
  public LogHunt.Settings settings(
      BulwarkConfig config, List<Path> rules, List<Path> pipelines, Path dataDir)
      throws InputException {
    LogHunt.Settings s = settings(config, rules, pipelines);
    return s.withChoice(s.choice().withDataDir(dataDir));
  }

  /**
   * The settings of {@code config}, with rule paths replaced and pipelines added when the caller
   * names any; no data directory, so neither an installed release nor the rule cache.
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

  /**
   * Hunts over logs and packet captures together: each capture is first turned into Zeek JSON logs
   * (conn, dns, http, ssl … and notice.log with the network detections), which the Sigma rules for
   * {@code product: zeek} read beside the host logs, so both land in one set of incidents and one
   * timeline.
   */
  public LogHunt.Result hunt(
      List<Path> inputs,
      LogHunt.Settings settings,
      Progress progress,
      DiagnosticSink diagnostics,
      Cancellation cancellation)
      throws InputException, InterruptedException {
    return hunt(
        inputs,
        settings,
        progress,
        diagnostics,
        cancellation,
        dev.bulwark.core.analysis.FileTimeBudget.defaults());
  }

  /** As above, giving up on any file that takes longer than {@code budget} to hunt through. */
  public LogHunt.Result hunt(
      List<Path> inputs,
      LogHunt.Settings settings,
      Progress progress,
      DiagnosticSink diagnostics,
      Cancellation cancellation,
      dev.bulwark.core.analysis.FileTimeBudget budget)
      throws InputException, InterruptedException {
    List<Path> logInputs = new ArrayList<>();
    List<Path> captures = new ArrayList<>();
    try {
      for (Path p : inputs) {
        if (Files.isDirectory(p)) {
          List<Path> files;
          try (Stream<Path> s = Files.walk(p)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
          }
          List<Path> here = files.stream().filter(ZeekRun::isCapture).toList();
          if (here.isEmpty()) {
            logInputs.add(p);
          } else {
            captures.addAll(here);
            files.stream().filter(f -> !here.contains(f)).forEach(logInputs::add);
          }
        } else if (Files.isRegularFile(p) && ZeekRun.isCapture(p)) {
          captures.add(p);
        } else {
          logInputs.add(p);
        }
      }
    } catch (IOException e) {
      throw new InputException("cannot list " + inputs + ": " + e.getMessage());
    }
    if (captures.isEmpty()) {
      return LogHunt.run(inputs, settings, progress, diagnostics, cancellation, budget)
          .relativeTo(inputs);
    }
    Path work = null;
    try {
      work = Files.createTempDirectory("bulwark-net-");
      // each capture's logs are named after the capture they came from, as an archive's entries
      // are ("dmz/day1.pcap!conn.log"): the temporary folder means nothing once it is gone
      Map<String, Path> logsOf = new HashMap<>();
      for (int i = 0; i < captures.size(); i++) {
        Path capture = captures.get(i);
        Path out = work.resolve(i + "-" + capture.getFileName() + ".zeek");
        NetSummary s =
            ZeekRun.run(
                List.of(capture), out, new NetOptions(null, false, ZeekLogWriter.Format.JSON));
        s.diagnostics().forEach(diagnostics::report);
        logInputs.add(out);
        logsOf.put(out.toAbsolutePath().normalize() + "/", capture);
      }
      return LogHunt.run(logInputs, settings, progress, diagnostics, cancellation, budget)
          .withSources(source -> captureLog(source, logsOf))
          .relativeTo(inputs);
    } catch (IOException e) {
      throw new InputException("cannot turn captures into logs: " + e.getMessage());
    } finally {
      if (work != null) {
        delete(work);
      }
    }
  }

  private static String captureLog(String source, Map<String, Path> logsOf) {
    String src = Path.of(source).toAbsolutePath().normalize().toString();
    for (Map.Entry<String, Path> e : logsOf.entrySet()) {
      if (src.startsWith(e.getKey())) {
        return e.getValue() + "!" + src.substring(e.getKey().length());
      }
    }
    return source;
  }

  private static void delete(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary folder left behind is the system's to clean
    }
  }
}
