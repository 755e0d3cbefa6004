package dev.bulwark.bench;

import dev.bulwark.core.analysis.Progress;
import dev.bulwark.core.errors.InputException;
import dev.bulwark.core.terminal.Terminal;
import dev.bulwark.core.terminal.TerminalProgress;
import dev.bulwark.core.terminal.TerminalText;
import dev.bulwark.eval.Home;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bulwark bench}: throughput benchmarks that print figures, never pass/fail timings. A
 * program of its own (the launcher runs it for {@code bulwark bench}) so that the generators it
 * needs stay out of the CLI.
 */
@Command(
    name = "bulwark bench",
    mixinStandardHelpOptions = true,
    description = "Run a throughput benchmark and print its figures.",
    subcommands = {
      BenchCommand.Secrets.class,
      BenchCommand.Code.class,
      BenchCommand.Deps.class,
      BenchCommand.Logs.class,
      BenchCommand.Yara.class,
      BenchCommand.HoneypotBench.class,
      BenchCommand.Net.class,
      BenchCommand.Server.class,
      BenchCommand.Stream.class
    })
public final class BenchCommand implements Runnable {
  static final int OK = 0;

  /**
   * The input a benchmark reads: the one given, else the default beside Bulwark's checkout, which
   * Bulwark does not ship; when neither exists the error says which flag to pass.
   */
  static Path required(Path given, Path fallback, String flag) throws InputException {
    Path p = given != null ? given : fallback;
    if (!java.nio.file.Files.exists(p)) {
      throw new InputException(
          p
              + ": not found"
              + (given == null ? " (the default, which Bulwark does not ship)" : "")
              + "; pass "
              + flag);
    }
    return p;
  }

  static final int USAGE = 2;
  static final int INTERNAL = 3;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs a bench command line and returns its exit status: 0, 2 for bad input, 3 on failure. */
  public static int run(String... args) {
    CommandLine cl = new CommandLine(new BenchCommand());
    cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
      cmd.getErr().println("bulwark bench: " + TerminalText.block(String.valueOf(ex.getMessage())));
      if (ex instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      return ex instanceof InputException ? USAGE : INTERNAL;
    });
    return cl.execute(args);
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "secrets",
      mixinStandardHelpOptions = true,
      description = {
        "Secrets scanning throughput over a generated source tree.",
        "The tree is generated once (deterministically) and reused; run with",
        "BULWARK_JAVA_OPTS=-Xmx512m to hold the scan to a 512 MB heap."
      })
  static final class Secrets implements Callable<Integer> {
    @Option(
        names = "--size-mb",
        paramLabel = "MB",
        description = "Size of the generated tree (default ${DEFAULT-VALUE}).")
    int sizeMb = 512;

    @Option(
        names = "--dir",
        paramLabel = "DIR",
        description =
            "Where to generate the tree (default: target/bench/secrets under Bulwark's home).")
    Path dir;

    @Option(
        names = "--runs",
        paramLabel = "N",
        description = "Timed scans after generation (default ${DEFAULT-VALUE}).")
    int runs = 3;

    @picocli.CommandLine.Mixin Threads threads;

    @Override
    public Integer call() throws Exception {
      Path target = dir != null ? dir : Home.dir().resolve("target/bench/secrets");
      SecretsBenchmark.Result r =
          new SecretsBenchmark(target, sizeMb, threads.value()).run(runs, System.out);
      System.out.println(r.summary());
      // what the whole process cost, beside the heap figures above
      System.out.println(ProcessFigures.current().summary("secrets"));
      return OK;
    }
  }

  @Command(
      name = "code",
      mixinStandardHelpOptions = true,
      description = {
        "Time Java analysis on a suite replicated to the requested size.",
        "The default heap (a quarter of RAM, at most 2 GB) holds the default 300k lines; set",
        "BULWARK_JAVA_OPTS=-Xmx... for other limits."
      })
  static final class Code implements Callable<Integer> {
    @Option(
        names = "--suite",
        paramLabel = "DIR",
        description = "The suite to replicate (default: corpora/sast under Bulwark's home).")
    Path suite;

    @Option(
        names = "--lines",
        paramLabel = "N",
        description = "Lines of Java to analyse (default ${DEFAULT-VALUE}).")
    long lines = 300_000;

    @Option(
        names = "--dir",
        paramLabel = "DIR",
        description = "Where to build the tree (default: target/bench/code under Bulwark's home).")
    Path dir;

    @Option(
        names = "--runs",
        paramLabel = "N",
        description = "Timed analyses (default ${DEFAULT-VALUE}).")
    int runs = 3;

    @picocli.CommandLine.Mixin Threads threads;

    @Option(
        names = "--peer",
        paramLabel = "TOOL",
        description =
            "Compare whole processes with a peer instead: 'spotbugs' runs SpotBugs with Find"
                + " Security Bugs on the tree compiled (with the suite's dependencies from the local"
                + " Maven repository) beside `bulwark scan --analyzer code` on its sources, --runs"
                + " times each in turn: CPU seconds, wall time and peak RSS of both.")
    String peer;

    @Option(
        names = "--repository",
        paramLabel = "DIR",
        description =
            "The local Maven repository holding SpotBugs, the plugin and the suite's dependencies"
                + " (default: the user's, as Maven finds it).")
    Path repository;

    @Option(
        names = "--spotbugs-version",
        paramLabel = "V",
        description = "SpotBugs version in the repository (default ${DEFAULT-VALUE}).")
    String spotbugsVersion = "4.10.4";

    @Option(
        names = "--findsecbugs-version",
        paramLabel = "V",
        description = "Find Security Bugs version in the repository (default ${DEFAULT-VALUE}).")
    String findSecBugsVersion = "1.14.0";

    @Override
    public Integer call() throws Exception {
      Path home = Home.dir();
      if (peer != null) {
        if (!peer.equals("spotbugs")) {
          throw new InputException("--peer: the peer for Java analysis is 'spotbugs', got " + peer);
        }
        String summary =
            new CodeBenchmark(
                    suite != null ? suite : home.resolve("corpora/sast"),
                    dir != null ? dir : home.resolve("target/bench/code"),
                    lines,
                    threads.value())
                .runBesideSpotBugs(
                    runs,
                    repository != null
                        ? new dev.bulwark.core.maven.LocalRepository(repository)
                        : dev.bulwark.core.maven.LocalRepository.user(),
                    spotbugsVersion,
                    findSecBugsVersion,
                    System.out);
        System.out.println(summary);
        return OK;
      }
      CodeBenchmark.Result r =
          new CodeBenchmark(
                  suite != null ? suite : home.resolve("corpora/sast"),
                  dir != null ? dir : home.resolve("target/bench/code"),
                  lines,
                  threads.value())
              .run(runs, System.out);
      System.out.println(r.summary());
      // what the whole process cost, beside the heap figures above
      System.out.println(ProcessFigures.current().summary("code"));
      return OK;
    }
  }

  @Command(
      name = "deps",
      mixinStandardHelpOptions = true,
      description = {
        "Time advisory import and dependency matching.",
        "Imports a directory of OSV advisories into a fresh database, then matches an inventory of",
        "packages drawn from them."
      })
  static final class Deps implements Callable<Integer> {
    @Option(
        names = "--advisories",
        paramLabel = "DIR",
        description =
            "OSV advisories to import (not shipped; default: ../shared/data/osv beside Bulwark's"
                + " checkout).")
    Path advisories;

    @Option(
        names = "--packages",
        paramLabel = "N",
        description = "Inventory size (default ${DEFAULT-VALUE}).")
    int packages = 10_000;

    @Option(
        names = "--dir",
        paramLabel = "DIR",
        description = "Work directory (default: target/bench/deps under Bulwark's home).")
    Path dir;

    @Override
    public Integer call() throws Exception {
      Path home = Home.dir();
      DepsBenchmark.Result r =
          new DepsBenchmark(
                  required(
                      advisories,
                      home.resolve("../shared/data/osv").normalize(),
                      "--advisories DIR with OSV advisories (JSON files, e.g. an ecosystem's"
                          + " all.zip unpacked)"),
                  dir != null ? dir : home.resolve("target/bench/deps"),
                  packages)
              .run(System.out);
      System.out.println(r.summary());
      // what the whole process cost, beside the heap figures above
      System.out.println(ProcessFigures.current().summary("deps"));
      return OK;
    }
  }

  @Command(
      name = "logs",
      mixinStandardHelpOptions = true,
      description = {
        "Time Sigma hunting on the EVTX corpus replicated to --events events.",
        "Hunts on every core (events/s, peak heap and peak RSS), and reads the corpus once beside",
        "evtxexport, both as whole processes (CPU seconds and RSS, cold and warm)."
      })
  static final class Logs implements Callable<Integer> {
    @Option(
        names = "--corpus",
        paramLabel = "DIR",
        description =
            "EVTX files (not shipped; default: ../shared/data/evtx beside Bulwark's checkout).")
    Path corpus;

    @Option(
        names = "--rules",
        paramLabel = "DIR",
        description =
            "Sigma rules (repeatable; default ../shared/data/sigma/rules, else built-in).")
    java.util.List<Path> rules = new java.util.ArrayList<>();

    @Option(
        names = "--events",
        paramLabel = "N",
        description = "Events to hunt (default ${DEFAULT-VALUE}).")
    long events = 1_000_000;

    @picocli.CommandLine.Mixin Threads threads;

    @Option(
        names = "--runs",
        paramLabel = "N",
        description = "Timed hunts; the median is reported (default ${DEFAULT-VALUE}).")
    int runs = 1;

    @Option(names = "--no-progress", description = "Never draw a progress bar.")
    boolean noProgress;

    @Override
    public Integer call() throws Exception {
      Path home = Home.dir();
      java.util.List<Path> r = rules;
      if (r.isEmpty()
          && java.nio.file.Files.isDirectory(home.resolve("../shared/data/sigma/rules"))) {
        r = java.util.List.of(home.resolve("../shared/data/sigma/rules").normalize());
      }
      LogsBenchmark.Result result;
      Terminal t = Terminal.detect();
      try (TerminalProgress bar =
          noProgress || !t.progressOnStderr()
              ? null
              : new TerminalProgress(System.err, t.width())) {
        result =
            new LogsBenchmark(
                    required(
                        corpus,
                        home.resolve("../shared/data/evtx").normalize(),
                        "--corpus DIR with EVTX files"),
                    r,
                    events,
                    threads.value(),
                    runs)
                .run(System.out, bar != null ? bar : Progress.none());
      }
      System.out.println(result.summary());
      // what the whole process cost, beside the heap figures above
      System.out.println(ProcessFigures.current().summary("logs"));
      return OK;
    }
  }

  @Command(
      name = "yara",
      mixinStandardHelpOptions = true,
      description = {
        "Time YARA scanning: Bulwark's engine against the yara binary on the same files.",
        "Both run as whole processes with the same rules and thread count (wall and CPU seconds,",
        "peak RSS, MB/s); the corpus is built once from sample binaries, libraries and text."
      })
  static final class Yara implements Callable<Integer> {
    @Option(
        names = "--rules",
        paramLabel = "FILE",
        description =
            "Rule files (default ../shared/data/yara/rules/index.yar, which Bulwark does not ship).")
    java.util.List<Path> rules = new java.util.ArrayList<>();

    @Option(
        names = "--source",
        paramLabel = "DIR",
        description =
            "Where corpus files are copied from (repeatable; default the shared YARA samples,"
                + " /usr/bin and /usr/lib/x86_64-linux-gnu).")
    java.util.List<Path> sources = new java.util.ArrayList<>();

    @Option(
        names = "--mb",
        paramLabel = "N",
        description = "Corpus size in MB (default ${DEFAULT-VALUE}).")
    long mb = 1024;

    @picocli.CommandLine.Mixin Threads threads;

    @Override
    public Integer call() throws Exception {
      Path home = Home.dir();
      java.util.List<Path> r = rules;
      if (r.isEmpty()) {
        r =
            java.util.List.of(
                required(
                    null,
                    home.resolve("../shared/data/yara/rules/index.yar").normalize(),
                    "--rules FILE"));
      }
      java.util.List<Path> s = sources;
      if (s.isEmpty()) {
        s =
            java.util.List.of(
                home.resolve("../shared/data/yara/yara-tests-data").normalize(),
                home.resolve("../shared/data/yara/benign").normalize(),
                Path.of("/usr/bin"),
                Path.of("/usr/lib/x86_64-linux-gnu"));
      }
      YaraBenchmark.Result result =
          new YaraBenchmark(
                  r,
                  s,
                  home.resolve("target/bench/yara/corpus-" + mb + "mb"),
                  mb * 1_000_000L,
                  threads.value())
              .run(System.out);
      System.out.print(result.summary());
      return OK;
    }
  }

  @Command(
      name = "honeypot",
      mixinStandardHelpOptions = true,
      description = {
        "Time the SSH honeypot under concurrent attacker sessions on loopback.",
        "Each session logs in with a password and runs commands over exec; prints sessions/s,",
        "p95 command latency, peak heap, and whether every command reached the event log."
      })
  static final class HoneypotBench implements Callable<Integer> {
    @Option(
        names = "--sessions",
        paramLabel = "N",
        description = "Concurrent sessions (default ${DEFAULT-VALUE}).")
    int sessions = 500;

    @Option(
        names = "--commands",
        paramLabel = "N",
        description = "Commands per session (default ${DEFAULT-VALUE}).")
    int commands = 2;

    @Override
    public Integer call() throws Exception {
      Path dir = Home.dir().resolve("target/bench/honeypot");
      HoneypotBenchmark.Result r = new HoneypotBenchmark(sessions, commands, dir).run(System.out);
      System.out.print(r.summary());
      return r.failed() == 0 && r.commands() == r.logged() ? OK : 1;
    }
  }

  @Command(
      name = "net",
      mixinStandardHelpOptions = true,
      description = {
        "Time captures into conn, dns, http and ssl logs, beside tshark -q -z conv,tcp.",
        "Replicates the dev traces' Ethernet packets into one pcap of --size bytes; prints MB/s,",
        "peak heap and the ratio to tshark measured in the same run."
      })
  static final class Net implements Callable<Integer> {
    @Option(
        names = "--traces",
        paramLabel = "DIR",
        description = "Captures to replicate (default: ../shared/data/pcap/traces).")
    Path traces;

    @Option(
        names = "--size",
        paramLabel = "BYTES",
        description = "Size of the replicated capture (default ${DEFAULT-VALUE}).")
    long size = 2_200_000_000L;

    @Override
    public Integer call() throws Exception {
      Path home = Home.dir();
      new NetBenchmark(
              required(
                  traces,
                  home.resolve("../shared/data/pcap/traces").normalize(),
                  "--traces DIR with pcap files"),
              size)
          .run(System.out);
      System.out.println(ProcessFigures.current().summary("net"));
      return OK;
    }
  }

  @Command(
      name = "server",
      mixinStandardHelpOptions = true,
      description = {
        "Time the team server's finding lists over a large store.",
        "Seeds --findings findings as scan uploads, then times list requests with filters and",
        "cursor pages over HTTP (p50, p95, p99)."
      })
  static final class Server implements Callable<Integer> {
    @Option(
        names = "--findings",
        paramLabel = "N",
        description = "Findings in the store (default ${DEFAULT-VALUE}).")
    int findings = 200_000;

    @Option(
        names = "--requests",
        paramLabel = "N",
        description = "Timed list requests (default ${DEFAULT-VALUE}).")
    int requests = 2_000;

    @Option(
        names = "--db-url",
        paramLabel = "JDBC-URL",
        description = "Benchmark PostgreSQL instead of H2 (user and password from BULWARK_DB_*).")
    String dbUrl;

    @Option(
        names = "--dir",
        paramLabel = "DIR",
        description = "Work directory (default: target/bench/server under Bulwark's home).")
    Path dir;

    @Override
    public Integer call() throws Exception {
      Path home = Home.dir();
      var r =
          new ServerBenchmark(
                  dir != null ? dir : home.resolve("target/bench/server"),
                  dbUrl,
                  findings,
                  requests)
              .run(System.out);
      System.out.println(r.summary());
      // what the whole process cost, beside the heap figures above
      System.out.println(ProcessFigures.current().summary("server"));
      return OK;
    }
  }

  @Command(
      name = "stream",
      mixinStandardHelpOptions = true,
      description = {
        "Time the stream job end to end: Kafka in, Flink, detections in the store.",
        "Events per second with 1 and 2 TaskManagers, the ratio to the in-process hunt of the",
        "same events, the state a running job checkpoints once it has read them all, and the",
        "latency from sending to stored detection at a fixed rate."
      })
  static final class Stream implements Callable<Integer> {
    @Option(
        names = "--corpus",
        paramLabel = "DIR",
        description = "Logs to replay (default: ../shared/data/evtx beside Bulwark).")
    Path corpus;

    @Option(
        names = "--events",
        paramLabel = "N",
        description = "Events, the corpus copied as often as needed (default ${DEFAULT-VALUE}).")
    long events = 100_000;

    @Option(
        names = "--rate",
        paramLabel = "N",
        description = "Events per second for the latency run (default ${DEFAULT-VALUE}).")
    int rate = 500;

    @Option(
        names = "--seconds",
        paramLabel = "N",
        description = "Length of the latency run (default ${DEFAULT-VALUE}).")
    int seconds = 20;

    @Option(
        names = "--db-url",
        paramLabel = "JDBC-URL",
        description = "Store in PostgreSQL instead of H2 (user and password from BULWARK_DB_*).")
    String dbUrl;

    @Option(
        names = "--dir",
        paramLabel = "DIR",
        description = "Work directory (default: target/bench/stream under Bulwark's home).")
    Path dir;

    @Option(
        names = "--state-only",
        description = "Measure only the checkpointed state after the events (no timing runs).")
    boolean stateOnly;

    @Option(
        names = "--successive",
        description =
            "Replay the corpus's copies one after another in time, not all at the same times.")
    boolean successive;

    @Override
    public Integer call() throws Exception {
      Path home = Home.dir();
      Path in =
          required(
              corpus,
              home.resolve("../shared/data/evtx").normalize(),
              "--corpus DIR with log files");
      var r =
          new StreamBenchmark(
                  in,
                  dir != null ? dir : home.resolve("target/bench/stream"),
                  dbUrl,
                  events,
                  rate,
                  seconds,
                  stateOnly,
                  successive)
              .run(System.out);
      System.out.println(r.summary());
      System.out.println(ProcessFigures.current().summary("stream"));
      return OK;
    }
  }

  /** {@code --threads}, as the CLI's commands take it. */
  static final class Threads {
    @Option(
        names = "--threads",
        paramLabel = "N",
        description = "Worker threads (default: number of processors).")
    Integer threads;

    int value() throws InputException {
      if (threads == null) {
        return Math.max(1, Runtime.getRuntime().availableProcessors());
      }
      if (threads < 1) {
        throw new InputException("--threads must be at least 1, got " + threads);
      }
      return threads;
    }
  }
}
