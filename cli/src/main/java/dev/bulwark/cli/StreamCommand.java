package dev.bulwark.cli;

import dev.bulwark.core.errors.DiagnosticSink;
import dev.bulwark.core.errors.InputException;
import dev.bulwark.core.model.Severity;
import dev.bulwark.store.Store;
import dev.bulwark.store.StoreException;
import dev.bulwark.store.StreamAlerts;
import dev.bulwark.store.StreamIncidents;
import dev.bulwark.stream.LocalCluster;
import dev.bulwark.stream.LocalKafka;
import dev.bulwark.stream.RulePack;
import dev.bulwark.stream.Shipper;
import dev.bulwark.stream.StreamJob;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.flink.api.common.JobID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bulwark stream}: the log hunt as a streaming job over Kafka. */
@Command(
    name = "stream",
    mixinStandardHelpOptions = true,
    description = {
      "Hunt logs as a stream: Kafka in, Flink, detections into the team store.",
      "Events from Kafka go through the same Sigma rules and correlations as `bulwark logs hunt`",
      "and give the same results."
    },
    subcommands = {
      StreamCommand.Ship.class,
      StreamCommand.Run.class,
      StreamCommand.Rules.class,
      StreamCommand.Broker.class
    })
final class StreamCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  abstract static class Kafka {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(
        names = "--bootstrap",
        paramLabel = "HOST:PORT",
        required = true,
        description = "Kafka's bootstrap servers.")
    String bootstrap;
  }

  @Command(
      name = "ship",
      mixinStandardHelpOptions = true,
      description = {
        "Send log files to a Kafka topic as events, in time order (back-fills and tests).",
        "Reads every format `logs hunt` reads; each event goes as Bulwark's JSON envelope."
      })
  static final class Ship extends Kafka implements Callable<Integer> {
    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Log files or directories.")
    List<Path> paths;

    @Option(names = "--topic", paramLabel = "T", required = true, description = "Events topic.")
    String topic;

    @Override
    public Integer call() throws Exception {
      long t0 = System.nanoTime();
      Shipper.Shipped s = Shipper.ship(paths, topic, bootstrap, DiagnosticSink.ignoring());
      spec.commandLine()
          .getOut()
          .printf(
              "shipped %,d events from %d files (%,d bytes) to %s in %.1f s%n",
              s.events(), s.files(), s.bytes(), topic, (System.nanoTime() - t0) / 1e9);
      return 0;
    }
  }

  @Command(
      name = "rules",
      mixinStandardHelpOptions = true,
      description = {
        "Publish a rule pack to a rules topic for running jobs to switch to.",
        "Jobs take it without a restart when its version is higher than the one in force."
      })
  static final class Rules extends Kafka implements Callable<Integer> {
    @Parameters(
        paramLabel = "PATH",
        arity = "1..*",
        description = "Sigma rule files or directories.")
    List<Path> paths;

    @Option(names = "--topic", paramLabel = "T", required = true, description = "Rules topic.")
    String topic;

    @Option(
        names = "--version",
        paramLabel = "N",
        required = true,
        description = "The pack's version; jobs take only a higher one.")
    long version;

    @Option(
        names = "--min-level",
        paramLabel = "LEVEL",
        description = "Least level reported (default ${DEFAULT-VALUE}).")
    Severity minLevel = Severity.INFO;

    @Override
    public Integer call() throws Exception {
      RulePack pack = RulePack.of(version, paths, minLevel);
      try (KafkaProducer<String, String> p = Shipper.producer(bootstrap)) {
        p.send(new ProducerRecord<>(topic, "pack", pack.toJson())).get();
      }
      spec.commandLine().getOut().printf("published rule pack version %d to %s%n", version, topic);
      return 0;
    }
  }

  @Command(
      name = "run",
      mixinStandardHelpOptions = true,
      description = {
        "Run the stream job on a Flink cluster inside this process.",
        "For one machine; on a cluster, `flink run bulwark-stream.jar` takes the same options."
      })
  static final class Run extends Kafka implements Callable<Integer> {
    @Option(names = "--topic", paramLabel = "T", required = true, description = "Events topic.")
    String topic;

    @Option(names = "--rules-topic", paramLabel = "T", description = "Rule packs to reload from.")
    String rulesTopic;

    @Option(
        names = "--detections-topic",
        paramLabel = "T",
        description = "Also write detections as JSON to this topic.")
    String detectionsTopic;

    @Option(
        names = "--incidents-topic",
        paramLabel = "T",
        description = "Also write incidents as JSON to this topic (the store always gets them).")
    String incidentsTopic;

    @Option(
        names = "--max-rate-per-task",
        paramLabel = "N",
        description =
            "At most N events per second read by each reader, so that a back-fill leaves room for"
                + " live traffic (default: no cap).")
    long maxRatePerTask;

    @Option(
        names = "--rules",
        paramLabel = "PATH",
        description = "Sigma rules to start with (default: Bulwark's pack).")
    List<Path> rules = List.of();

    @picocli.CommandLine.Mixin CommonOptions.DataDirectory dataDir;

    @Option(
        names = "--db-url",
        paramLabel = "JDBC-URL",
        description =
            "A PostgreSQL store (the team server's); user and password from BULWARK_DB_USER and"
                + " BULWARK_DB_PASSWORD. Default: the H2 store in the data directory.")
    String dbUrl;

    @Option(
        names = "--task-managers",
        paramLabel = "N",
        description = "TaskManagers (default ${DEFAULT-VALUE}).")
    int taskManagers = 1;

    @Option(
        names = "--parallelism",
        paramLabel = "N",
        description = "Tasks per operator (default ${DEFAULT-VALUE}).")
    int parallelism = 2;

    @Option(
        names = "--bounded",
        description = "Stop at the topic's end as it is now (a back-fill) instead of following it.")
    boolean bounded;

    @Option(
        names = "--min-level",
        paramLabel = "LEVEL",
        description = "Least level reported (default ${DEFAULT-VALUE}).")
    Severity minLevel = Severity.INFO;

    @Override
    public Integer call() throws Exception {
      if (taskManagers < 1 || parallelism < 1) {
        throw new InputException("--task-managers and --parallelism must be at least 1");
      }
      if (maxRatePerTask < 0) {
        throw new InputException("--max-rate-per-task must be 0 (no cap) or positive");
      }
      String url = dbUrl != null ? dbUrl : Store.h2Url(dataDir.dir());
      String user = dbUrl != null ? System.getenv("BULWARK_DB_USER") : "bulwark";
      String password = dbUrl != null ? System.getenv("BULWARK_DB_PASSWORD") : "";
      Store store;
      try {
        store = dbUrl != null ? Store.open(url, user, password) : Store.openDefault(dataDir.dir());
      } catch (StoreException e) {
        throw new InputException(e.getMessage(), e);
      }
      RulePack pack =
          rules.isEmpty() ? RulePack.builtIn(minLevel) : RulePack.of(0, rules, minLevel);
      StreamJob.Options o =
          StreamJob.Options.backfill(bootstrap, topic, url)
              .withStore(url, user, password == null ? "" : password)
              .withRules(pack)
              .withRulesTopic(rulesTopic)
              .withDetectionsTopic(detectionsTopic)
              .withIncidentsTopic(incidentsTopic)
              .withBounded(bounded)
              .withParallelism(parallelism)
              .withMaxRatePerTask(maxRatePerTask);
      java.io.PrintWriter out = spec.commandLine().getOut();
      StreamAlerts alerts = new StreamAlerts(store);
      StreamIncidents incidents = new StreamIncidents(store);
      long before = alerts.count();
      long incidentsBefore = incidents.count();
      long t0 = System.nanoTime();
      try (store;
          LocalCluster flink = LocalCluster.start(taskManagers, Math.max(1, parallelism))) {
        JobID job = flink.submit(o);
        out.printf(
            "stream job %s running on %d TaskManager(s), reading %s%s%n",
            job,
            taskManagers,
            topic,
            maxRatePerTask > 0 ? " at most " + maxRatePerTask + " events/s per reader" : "");
        out.flush();
        flink.await(job, bounded ? Duration.ofDays(1) : Duration.ofDays(365_000));
        out.printf(
            "done in %.1f s: %,d new detections stored (%,d in all), %,d new incidents (%,d in"
                + " all)%n",
            (System.nanoTime() - t0) / 1e9,
            alerts.count() - before,
            alerts.count(),
            incidents.count() - incidentsBefore,
            incidents.count());
      }
      return 0;
    }
  }

  @Command(
      name = "broker",
      mixinStandardHelpOptions = true,
      description = {
        "Start a one-node Kafka broker on 127.0.0.1 to try the stream job on one machine.",
        "The broker runs in KRaft mode, prints its bootstrap address and runs until interrupted."
      })
  static final class Broker implements Callable<Integer> {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(
        names = "--dir",
        paramLabel = "DIR",
        required = true,
        description = "An empty directory for the broker's logs.")
    Path dir;

    @Option(
        names = "--partitions",
        paramLabel = "N",
        description = "Partitions of new topics (default ${DEFAULT-VALUE}).")
    int partitions = 2;

    @Override
    public Integer call() throws Exception {
      try (LocalKafka k = LocalKafka.start(dir, partitions)) {
        spec.commandLine().getOut().println("kafka broker at " + k.bootstrap());
        spec.commandLine().getOut().flush();
        Thread.currentThread().join();
      }
      return 0;
    }
  }
}
