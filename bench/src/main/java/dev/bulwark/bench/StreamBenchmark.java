package dev.bulwark.bench;

import dev.bulwark.core.errors.DiagnosticSink;
import dev.bulwark.logs.event.Event;
import dev.bulwark.logs.event.LogReader;
import dev.bulwark.logs.hunt.Hunter;
import dev.bulwark.logs.sigma.Logsources;
import dev.bulwark.logs.sigma.RuleSet;
import dev.bulwark.store.Store;
import dev.bulwark.store.StreamAlerts;
import dev.bulwark.stream.LocalCluster;
import dev.bulwark.stream.LocalKafka;
import dev.bulwark.stream.Shipper;
import dev.bulwark.stream.StreamJob;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.apache.flink.api.common.JobID;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * The stream job end to end on this machine: events in a Kafka topic (a local broker) through the
 * job on an in-process Flink cluster into the store, with 1 and 2 TaskManagers; the in-process hunt
 * of the same events for the ratio; and the latency from an event's sending to its detection's row
 * at a fixed input rate. The events are a corpus's, copied with shifted times and record ids up to
 * the count asked for.
 */
public final class StreamBenchmark {
  /** What one run measured. */
  public record Result(
      long events,
      double inProcessEventsPerSecond,
      long inProcessDetections,
      double[] streamEventsPerSecond,
      long[] streamDetections,
      double[] streamCpuSeconds,
      int rate,
      long latencySamples,
      double latencyP50Ms,
      double latencyP95Ms,
      State state) {

    public String summary() {
      StringBuilder b = new StringBuilder();
      b.append(String.format(Locale.ROOT, "stream_events=%d%n", events));
      if (!Double.isNaN(inProcessEventsPerSecond)) {
        // timing runs (not made with --state-only)
        b.append(
            String.format(
                Locale.ROOT,
                "stream_inprocess_events_per_second=%.0f%nstream_inprocess_detections=%d%n",
                inProcessEventsPerSecond,
                inProcessDetections));
        for (int i = 0; i < streamEventsPerSecond.length; i++) {
          b.append(
              String.format(
                  Locale.ROOT,
                  "stream_%dtm_events_per_second=%.0f%nstream_%dtm_ratio_to_inprocess=%.3f%n"
                      + "stream_%dtm_detections=%d%nstream_%dtm_cpu_seconds=%.1f%n",
                  i + 1,
                  streamEventsPerSecond[i],
                  i + 1,
                  streamEventsPerSecond[i] / inProcessEventsPerSecond,
                  i + 1,
                  streamDetections[i],
                  i + 1,
                  streamCpuSeconds[i]));
        }
        b.append(
            String.format(
                Locale.ROOT,
                "stream_latency_rate_events_per_second=%d%nstream_latency_samples=%d%n"
                    + "stream_latency_p50_ms=%.0f%nstream_latency_p95_ms=%.0f",
                rate,
                latencySamples,
                latencyP50Ms,
                latencyP95Ms));
        b.append(String.format("%n"));
      }
      if (state != null) {
        b.append(
            String.format(
                Locale.ROOT,
                "stream_state_events=%d%nstream_state_checkpoint=%d%nstream_state_bytes=%d%n"
                    + "stream_state_checkpoint_dir_bytes=%d",
                events,
                state.checkpoint(),
                state.stateBytes(),
                state.directoryBytes()));
        state
            .byOperator()
            .forEach((op, bytes) ->
                b.append(
                    String.format(
                        Locale.ROOT,
                        "%nstream_state_bytes[%s]=%d",
                        op.replaceAll("[^A-Za-z0-9]+", "_"),
                        bytes)));
      }
      return b.toString();
    }
  }

  /**
   * What a running job's checkpoint holds once every event has been read: the checkpoint's id, the
   * bytes of state Flink reports (in all and per operator chain) and the bytes of its directory.
   */
  public record State(
      long checkpoint, long stateBytes, long directoryBytes, Map<String, Long> byOperator) {}

  private final Path corpus;
  private final Path dir;
  private final String dbUrl;
  private final long targetEvents;
  private final int rate;
  private final int seconds;
  private final boolean stateOnly;
  private final boolean successive;

  public StreamBenchmark(
      Path corpus,
      Path dir,
      String dbUrl,
      long targetEvents,
      int rate,
      int seconds,
      boolean stateOnly,
      boolean successive) {
    this.corpus = corpus;
    this.dir = dir;
    this.dbUrl = dbUrl;
    this.targetEvents = targetEvents;
    this.rate = rate;
    this.seconds = seconds;
    this.stateOnly = stateOnly;
    this.successive = successive;
  }

  public Result run(PrintStream out) throws Exception {
    Files.createDirectories(dir);
    List<Event> base = new ArrayList<>();
    LogReader reader = new LogReader(LogReader.Options.defaults(), DiagnosticSink.ignoring());
    for (Path f : LogReader.expand(List.of(corpus), DiagnosticSink.ignoring())) {
      reader.read(f, base::add);
    }
    base.removeIf(e -> e.time() == null);
    base.sort(Comparator.comparing(Event::time));
    if (base.isEmpty()) {
      throw new IllegalStateException(corpus + ": no timed events to replay");
    }
    int copies = (int) Math.max(1, (targetEvents + base.size() - 1) / base.size());
    long events = (long) copies * base.size();
    out.printf(
        "corpus: %,d events; %d copies%s → %,d events%n",
        base.size(), copies, successive ? " one after another" : " at the same times", events);
    // successive copies: each a day later than the one before, so that no correlation or incident
    // window holds two copies of an event and N events are the corpus's activity on N / corpus-size
    // days rather than the same hours N / corpus-size times denser. Every copy stays in the past: a
    // broker refuses records stamped in the future.
    Duration shift = successive ? Duration.ofDays(1) : Duration.ZERO;
    Instant newest = base.get(base.size() - 1).time().plus(shift.multipliedBy(copies - 1L));
    if (newest.isAfter(Instant.now())) {
      throw new IllegalStateException(
          "the corpus's last copy would be stamped "
              + newest
              + ", in the future: ask for fewer events or use a corpus that ends earlier");
    }

    // the in-process hunt of the same events, on every processor
    double inProcess = Double.NaN;
    long inProcessDetections = 0;
    if (!stateOnly) {
      RuleSet rules = RuleSet.builtIn(Map.of(), Logsources.builtIn());
      Hunter hunter = new Hunter(rules, Logsources.builtIn(), Hunter.Options.defaults());
      int threads = Runtime.getRuntime().availableProcessors();
      long t0 = System.nanoTime();
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        List<Future<?>> done = new ArrayList<>();
        for (int k = 0; k < copies; k++) {
          final int copy = k;
          done.add(pool.submit(() -> copy(base, copy, shift, hunter::accept)));
        }
        for (Future<?> f : done) {
          f.get();
        }
      } finally {
        pool.shutdown();
      }
      inProcessDetections = hunter.finish().detections().size();
      inProcess = events / ((System.nanoTime() - t0) / 1e9);
      out.printf(
          "in-process hunt: %,.0f events/s, %,d detections%n", inProcess, inProcessDetections);
    }

    double[] eps = new double[2];
    long[] detections = new long[2];
    double[] cpu = new double[2];
    double p50 = Double.NaN;
    double p95 = Double.NaN;
    long samples = 0;
    State state;
    try (LocalKafka kafka = LocalKafka.start(dir.resolve("kafka-" + System.nanoTime()), 2)) {
      kafka.createTopic("bench-events", 2);
      try (KafkaProducer<String, String> producer = Shipper.producer(kafka.bootstrap())) {
        // the topic stays in time order: every copy of an event before the next event, or, for
        // successive copies, one copy after another
        if (successive) {
          // copies overlap in time: send every event of every copy in time order
          List<long[]> order = new ArrayList<>();
          for (int k = 0; k < copies; k++) {
            for (int i = 0; i < base.size(); i++) {
              order.add(
                  new long[] {base.get(i).time().plus(shift.multipliedBy(k)).toEpochMilli(), k, i});
            }
          }
          order.sort(Comparator.comparingLong(o -> o[0]));
          for (long[] o : order) {
            Shipper.send(producer, "bench-events", copyOf(base.get((int) o[2]), (int) o[1], shift));
          }
        } else {
          for (Event e : base) {
            for (int k = 0; k < copies; k++) {
              Shipper.send(producer, "bench-events", copyOf(e, k, shift));
            }
          }
        }
        producer.flush();
      }
      long taken = endOffsets(kafka.bootstrap(), "bench-events");
      if (taken != events) {
        throw new IllegalStateException(
            "the broker holds " + taken + " of the " + events + " events sent");
      }
      out.printf("shipped %,d events%n", events);
      String url =
          dbUrl != null
              ? dbUrl
              : "jdbc:h2:file:" + dir.resolve("store-" + System.nanoTime()).resolve("bulwark");
      String user = dbUrl != null ? System.getenv("BULWARK_DB_USER") : "bulwark";
      String password = dbUrl != null ? System.getenv("BULWARK_DB_PASSWORD") : "";
      try (Store store = Store.open(url, user, password)) {
        StreamAlerts alerts = new StreamAlerts(store);
        for (int tms = 1; tms <= 2 && !stateOnly; tms++) {
          alerts.clear();
          double cpu0 = ProcessFigures.current().cpuSeconds();
          long t0 = System.nanoTime();
          try (LocalCluster flink = LocalCluster.start(tms, 1)) {
            JobID job =
                flink.submit(
                    StreamJob.Options.backfill(kafka.bootstrap(), "bench-events", url)
                        .withStore(url, user, password == null ? "" : password)
                        .withGroupId("bench-" + tms)
                        .withParallelism(tms));
            flink.await(job, Duration.ofHours(2));
          }
          double secs = (System.nanoTime() - t0) / 1e9;
          eps[tms - 1] = events / secs;
          detections[tms - 1] = alerts.count();
          cpu[tms - 1] = ProcessFigures.current().cpuSeconds() - cpu0;
          out.printf(
              "stream, %d TaskManager(s): %,.0f events/s (%.1f s, %.1f CPU s), %,d detections%n",
              tms, eps[tms - 1], secs, cpu[tms - 1], detections[tms - 1]);
        }

        state = state(kafka.bootstrap(), url, user, password, events, out);
        if (stateOnly) {
          return new Result(events, inProcess, 0, eps, detections, cpu, rate, 0, p50, p95, state);
        }

        // latency: events stamped with the time they are sent, at a fixed rate
        alerts.clear();
        kafka.createTopic("bench-live", 2);
        List<Double> ms = new ArrayList<>();
        try (LocalCluster flink = LocalCluster.start(2, 1)) {
          JobID job =
              flink.submit(
                  StreamJob.Options.backfill(kafka.bootstrap(), "bench-live", url)
                      .withStore(url, user, password == null ? "" : password)
                      .withGroupId("bench-live")
                      .withBounded(false)
                      .withParallelism(2));
          Thread.sleep(3000); // the job's sources assigned their partitions
          try (KafkaProducer<String, String> producer = Shipper.producer(kafka.bootstrap())) {
            long start = System.nanoTime();
            long n = (long) rate * seconds;
            for (long i = 0; i < n; i++) {
              long due = start + i * 1_000_000_000L / rate;
              long wait = due - System.nanoTime();
              if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
              }
              Event b = base.get((int) (i % base.size()));
              Shipper.send(
                  producer, "bench-live", restamp(b, "live/" + b.source(), "l" + i, Instant.now()));
            }
            producer.flush();
          }
          long stable = -1;
          for (long c = alerts.count(); c != stable; c = alerts.count()) {
            stable = c;
            Thread.sleep(2000);
          }
          flink.cancel(job);
        }
        for (StreamAlerts.Row r : alerts.list(0)) {
          if (!r.correlation() && r.time() != null && r.storedAt() != null) {
            ms.add(Duration.between(r.time(), r.storedAt()).toNanos() / 1e6);
          }
        }
        double[] sorted = ms.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        samples = sorted.length;
        p50 = percentile(sorted, 50);
        p95 = percentile(sorted, 95);
        out.printf(
            "latency at %d events/s: p50 %.0f ms, p95 %.0f ms (%d detections)%n",
            rate, p50, p95, samples);
      }
    }
    return new Result(
        events,
        inProcess,
        inProcessDetections,
        eps,
        detections,
        cpu,
        rate,
        samples,
        p50,
        p95,
        state);
  }

  /**
   * The state of a job that follows the events topic (unbounded, as a live job runs), once it has
   * read every event: the offsets the Kafka source commits are those of a completed checkpoint, so
   * when they reach the topic's end, the latest completed checkpoint holds the state after all of
   * them. Checkpoints go to a directory, as on a cluster, whose size is measured beside Flink's own
   * figure.
   */
  private State state(
      String bootstrap, String url, String user, String password, long events, PrintStream out)
      throws Exception {
    Path checkpoints = dir.resolve("checkpoints-" + System.nanoTime());
    String group = "bench-state-" + System.nanoTime();
    long t0 = System.nanoTime();
    try (LocalCluster flink = LocalCluster.start(2, 1, checkpoints);
        org.apache.kafka.clients.admin.Admin admin =
            org.apache.kafka.clients.admin.Admin.create(
                Map.of(
                    org.apache.kafka.clients.admin.AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                    bootstrap))) {
      JobID job =
          flink.submit(
              StreamJob.Options.backfill(bootstrap, "bench-events", url)
                  .withStore(url, user, password == null ? "" : password)
                  .withGroupId(group)
                  .withBounded(false)
                  .withParallelism(2));
      long seen = -1;
      long still = System.nanoTime();
      for (long c = committed(admin, group); c < events; c = committed(admin, group)) {
        if (flink.status(job).isGloballyTerminalState()) {
          throw new IllegalStateException("the stream job ended before reading every event");
        }
        if (c != seen) {
          seen = c;
          still = System.nanoTime();
        } else if (System.nanoTime() - still > Duration.ofMinutes(10).toNanos()) {
          throw new IllegalStateException(
              "the stream job read nothing for 10 minutes, at " + c + " of " + events + " events");
        }
        Thread.sleep(500);
      }
      // a checkpoint completes every second and each subsumes the one before: measure the
      // newest directory on disk and ask Flink about that same checkpoint, again if it went
      LocalCluster.Checkpoint c = null;
      long onDisk = -1;
      for (int attempt = 0; c == null && attempt < 20; attempt++) {
        Path newest = newestCheckpoint(checkpoints);
        if (newest == null) {
          Thread.sleep(500);
          continue;
        }
        long id = Long.parseLong(newest.getFileName().toString().substring("chk-".length()));
        onDisk = bytesUnder(newest);
        c = onDisk < 0 ? null : flink.checkpoint(job, id);
      }
      if (c == null) {
        throw new IllegalStateException("no checkpoint of the job could be measured");
      }
      flink.cancel(job);
      out.printf(
          "state after %,d events (%.1f s to read them): checkpoint %d holds %,d bytes of state,"
              + " its directory %,d bytes; by operator %s%n",
          events, (System.nanoTime() - t0) / 1e9, c.id(), c.stateBytes(), onDisk, c.byOperator());
      return new State(c.id(), c.stateBytes(), onDisk, c.byOperator());
    }
  }

  /** The topic's end offsets summed over its partitions: the records it holds. */
  private static long endOffsets(String bootstrap, String topic) throws Exception {
    try (org.apache.kafka.clients.admin.Admin admin =
        org.apache.kafka.clients.admin.Admin.create(
            Map.of(
                org.apache.kafka.clients.admin.AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap))) {
      Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> ask =
          new java.util.HashMap<>();
      for (var p :
          admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()) {
        ask.put(
            new org.apache.kafka.common.TopicPartition(topic, p.partition()),
            org.apache.kafka.clients.admin.OffsetSpec.latest());
      }
      long sum = 0;
      for (var r : admin.listOffsets(ask).all().get().values()) {
        sum += r.offset();
      }
      return sum;
    }
  }

  /** Offsets the group has committed on the events topic, summed over its partitions. */
  private static long committed(org.apache.kafka.clients.admin.Admin admin, String group)
      throws Exception {
    long sum = 0;
    for (var e :
        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().entrySet()) {
      if (e.getKey().topic().equals("bench-events") && e.getValue() != null) {
        sum += e.getValue().offset();
      }
    }
    return sum;
  }

  /** The {@code chk-N} directory of the highest N under {@code checkpoints}, or null. */
  private static Path newestCheckpoint(Path checkpoints) throws java.io.IOException {
    Path newest = null;
    long best = -1;
    try (var jobs = Files.list(checkpoints)) {
      for (Path j : (Iterable<Path>) jobs::iterator) {
        try (var chks = Files.list(j)) {
          for (Path c : (Iterable<Path>) chks::iterator) {
            String name = c.getFileName().toString();
            if (name.matches("chk-\\d+") && Long.parseLong(name.substring(4)) > best) {
              best = Long.parseLong(name.substring(4));
              newest = c;
            }
          }
        }
      }
    } catch (java.nio.file.NoSuchFileException | java.io.UncheckedIOException none) {
      return null; // nothing written yet, or a directory removed while listing
    }
    return newest;
  }

  /** Bytes of the files under {@code d}, or -1 when it was removed while being measured. */
  private static long bytesUnder(Path d) throws java.io.IOException {
    long bytes = 0;
    try (var files = Files.walk(d)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        if (Files.isRegularFile(f)) {
          bytes += Files.size(f);
        }
      }
    } catch (java.nio.file.NoSuchFileException | java.io.UncheckedIOException gone) {
      return -1; // subsumed by a newer checkpoint while being measured
    }
    return bytes;
  }

  /**
   * Copy {@code k} of the corpus: the same events from other files, at the same times or {@code k}
   * shifts later.
   */
  private static void copy(List<Event> base, int k, Duration shift, Consumer<Event> sink) {
    for (Event e : base) {
      sink.accept(copyOf(e, k, shift));
    }
  }

  private static Event copyOf(Event e, int k, Duration shift) {
    return restamp(
        e,
        k == 0 ? e.source() : "copy" + k + "/" + e.source(),
        e.recordId(),
        e.time().plus(shift.multipliedBy(k)));
  }

  private static Event restamp(Event e, String source, String recordId, Instant time) {
    Event c = new Event(source, recordId, time, e.format());
    for (int i = 0; i < e.size(); i++) {
      c.put(e.name(i), e.value(i));
    }
    return c;
  }

  private static double percentile(double[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }
}
