package dev.bulwark.cli;

import dev.bulwark.eval.bench.CodeBenchmark;
import dev.bulwark.eval.bench.DepsBenchmark;
import dev.bulwark.eval.bench.SecretsBenchmark;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bulwark bench}: throughput benchmarks that print figures, never pass/fail timings. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Run a throughput benchmark and print its figures.",
    subcommands = {
      BenchCommand.Secrets.class,
      BenchCommand.Code.class,
      BenchCommand.Deps.class,
      BenchCommand.Logs.class,
      BenchCommand.Server.class
    })
final class BenchCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

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

    @picocli.CommandLine.Mixin CommonOptions.Threads threads;

    @Override
    public Integer call() throws Exception {
      Path target = dir != null ? dir : dev.bulwark.eval.Home.dir().resolve("target/bench/secrets");
      SecretsBenchmark.Result r =
          new SecretsBenchmark(target, sizeMb, threads.value()).run(runs, System.out);
      System.out.println(r.summary());
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "code",
      mixinStandardHelpOptions = true,
      description = {
        "Java analysis speed: replicates a suite's sources to the requested size and times",
        "full analyses. Run with BULWARK_JAVA_OPTS=-Xmx4g to hold the analysis to 4 GB."
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

    @picocli.CommandLine.Mixin CommonOptions.Threads threads;

    @Override
    public Integer call() throws Exception {
      Path home = dev.bulwark.eval.Home.dir();
      CodeBenchmark.Result r =
          new CodeBenchmark(
                  suite != null ? suite : home.resolve("corpora/sast"),
                  dir != null ? dir : home.resolve("target/bench/code"),
                  lines,
                  threads.value())
              .run(runs, System.out);
      System.out.println(r.summary());
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "deps",
      mixinStandardHelpOptions = true,
      description = {
        "Advisory import and dependency matching speed: imports a directory of OSV advisories into a",
        "fresh database, then matches an inventory of packages drawn from them."
      })
  static final class Deps implements Callable<Integer> {
    @Option(
        names = "--advisories",
        paramLabel = "DIR",
        description =
            "OSV advisories to import (default: ../shared/data/osv beside Bulwark's home).")
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
      Path home = dev.bulwark.eval.Home.dir();
      DepsBenchmark.Result r =
          new DepsBenchmark(
                  advisories != null ? advisories : home.resolve("../shared/data/osv").normalize(),
                  dir != null ? dir : home.resolve("target/bench/deps"),
                  packages)
              .run(System.out);
      System.out.println(r.summary());
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "logs",
      mixinStandardHelpOptions = true,
      description = {
        "Hunting throughput: the EVTX corpus replicated to --events events, hunted with Sigma",
        "rules on every core (events/s, peak heap), and the reader against evtxexport."
      })
  static final class Logs implements Callable<Integer> {
    @Option(
        names = "--corpus",
        paramLabel = "DIR",
        description = "EVTX files (default: ../shared/data/evtx beside Bulwark's home).")
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

    @picocli.CommandLine.Mixin CommonOptions.Threads threads;

    @Option(
        names = "--runs",
        paramLabel = "N",
        description = "Timed hunts; the median is reported (default ${DEFAULT-VALUE}).")
    int runs = 1;

    @Option(names = "--no-progress", description = "Never draw a progress bar.")
    boolean noProgress;

    @Override
    public Integer call() throws Exception {
      Path home = dev.bulwark.eval.Home.dir();
      java.util.List<Path> r = rules;
      if (r.isEmpty()
          && java.nio.file.Files.isDirectory(home.resolve("../shared/data/sigma/rules"))) {
        r = java.util.List.of(home.resolve("../shared/data/sigma/rules").normalize());
      }
      dev.bulwark.eval.bench.LogsBenchmark.Result result;
      try (Terminals.ProgressScope progress = Terminals.progress(noProgress)) {
        result =
            new dev.bulwark.eval.bench.LogsBenchmark(
                    corpus != null ? corpus : home.resolve("../shared/data/evtx").normalize(),
                    r,
                    events,
                    threads.value(),
                    runs)
                .run(System.out, progress.progress());
      }
      System.out.println(result.summary());
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "server",
      mixinStandardHelpOptions = true,
      description = {
        "The team server with a large store: seeds --findings findings as scan uploads, then times",
        "list requests with filters and cursor pages over HTTP (p50, p95, p99)."
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
      Path home = dev.bulwark.eval.Home.dir();
      var r =
          new dev.bulwark.eval.bench.ServerBenchmark(
                  dir != null ? dir : home.resolve("target/bench/server"),
                  dbUrl,
                  findings,
                  requests)
              .run(System.out);
      System.out.println(r.summary());
      return ExitCodes.OK;
    }
  }
}
