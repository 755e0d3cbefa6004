package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.analysis.Cancellation;
import dev.bulwark.core.analysis.Progress;
import dev.bulwark.core.errors.DiagnosticSink;
import dev.bulwark.logs.LogHunt;
import dev.bulwark.logs.hunt.Incident;
import dev.bulwark.store.Store;
import dev.bulwark.store.StreamAlerts;
import dev.bulwark.store.StreamIncidents;
import dev.bulwark.stream.LocalKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bulwark stream ship} and {@code stream run} end to end: a Kafka broker in this JVM, the
 * job on the command's own in-process Flink cluster, the H2 store in the data directory.
 */
class StreamCommandTest {
  private static final Path HUNT =
      Path.of("..", "logs", "src", "test", "resources", "dev", "bulwark", "logs", "hunt");

  @TempDir static Path dir;
  private static LocalKafka kafka;

  @BeforeAll
  static void start() throws Exception {
    kafka = LocalKafka.start(dir.resolve("kafka"), 2);
  }

  @AfterAll
  static void stop() {
    if (kafka != null) {
      kafka.close();
    }
  }

  private static long ship(String topic) {
    Cli.Result r =
        Cli.run(
            "stream", "ship", HUNT.toString(), "--topic", topic, "--bootstrap", kafka.bootstrap());
    assertThat(r.exit()).as(r.err()).isZero();
    Matcher m = Pattern.compile("shipped (\\d+) events").matcher(r.out());
    assertThat(m.find()).as(r.out()).isTrue();
    return Long.parseLong(m.group(1));
  }

  private static LogHunt.Result hunted() throws Exception {
    return LogHunt.run(
            List.of(HUNT),
            LogHunt.Settings.defaults(),
            Progress.none(),
            DiagnosticSink.ignoring(),
            new Cancellation())
        // the shipper names each event's file relative to the path shipped, and so does this
        .relativeTo(List.of(HUNT));
  }

  @Test
  void run_writesIncidentsToTheStoreAndTheIncidentsTopic() throws Exception {
    ship("events");
    Path data = dir.resolve("data-incidents");
    Cli.Result r =
        Cli.run(
            "stream",
            "run",
            "--topic",
            "events",
            "--bootstrap",
            kafka.bootstrap(),
            "--bounded",
            "--incidents-topic",
            "incidents",
            "--data-dir",
            data.toString());
    assertThat(r.exit()).as(r.err()).isZero();

    LogHunt.Result expected = hunted();
    assertThat(expected.incidents()).isNotEmpty();
    Set<String> stored = new HashSet<>();
    try (Store s = Store.openDefault(data)) {
      assertThat(new StreamAlerts(s).count()).isEqualTo(expected.detections().size());
      for (StreamIncidents.Row row : new StreamIncidents(s).list(0)) {
        stored.add(row.id());
      }
    }
    Set<String> ids = new HashSet<>();
    for (Incident i : expected.incidents()) {
      ids.add(i.id());
    }
    assertThat(stored).isEqualTo(ids);
    assertThat(r.out())
        .contains(String.format("%,d new incidents", ids.size()))
        .contains(String.format("%,d new detections", expected.detections().size()));
    // the job wrote the topic before it finished; a replay could write an incident twice, so ids
    assertThat(keysOf("incidents", ids.size())).isEqualTo(ids);
  }

  @Test
  void run_capsTheRateOfEachReader() throws Exception {
    long events = ship("capped");
    long perSecond = 2;
    Path data = dir.resolve("data-capped");
    long t0 = System.nanoTime();
    Cli.Result r =
        Cli.run(
            "stream",
            "run",
            "--topic",
            "capped",
            "--bootstrap",
            kafka.bootstrap(),
            "--bounded",
            "--parallelism",
            "1",
            "--max-rate-per-task",
            Long.toString(perSecond),
            "--data-dir",
            data.toString());
    double seconds = (System.nanoTime() - t0) / 1e9;
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("at most 2 events/s per reader");
    // one reader at 2 events/s: the first event goes at once, each later one half a second after
    // the one before, whatever the machine's speed
    assertThat(seconds).isGreaterThanOrEqualTo((events - 1) / (double) perSecond);
    try (Store s = Store.openDefault(data)) {
      assertThat(new StreamAlerts(s).count()).isEqualTo(hunted().detections().size());
    }
  }

  @Test
  void run_refusesANegativeRateCap() {
    Cli.Result r =
        Cli.run(
            "stream",
            "run",
            "--topic",
            "events",
            "--bootstrap",
            kafka.bootstrap(),
            "--max-rate-per-task",
            "-1",
            "--data-dir",
            dir.resolve("data-refused").toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--max-rate-per-task");
  }

  /** The keys on {@code topic} from its start to its end (it holds at least {@code least}). */
  private static Set<String> keysOf(String topic, int least) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "stream-command-test");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    Set<String> keys = new HashSet<>();
    long records = 0;
    try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p)) {
      c.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
      while (records < least && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> rec : c.poll(Duration.ofMillis(200))) {
          keys.add(rec.key());
          records++;
        }
      }
    }
    return keys;
  }
}
