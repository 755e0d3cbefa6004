package dev.bulwark.stream;

import dev.bulwark.core.analysis.Cancellation;
import dev.bulwark.core.analysis.Progress;
import dev.bulwark.core.errors.DiagnosticSink;
import dev.bulwark.logs.LogHunt;
import dev.bulwark.logs.hunt.Detection;
import dev.bulwark.logs.hunt.Incident;
import dev.bulwark.store.Store;
import dev.bulwark.store.StreamAlerts;
import dev.bulwark.store.StreamIncidents;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the stream tests share: a Kafka broker and a two-TaskManager Flink cluster in this JVM, and
 * the team store (PostgreSQL when {@code BULWARK_TEST_POSTGRES_URL} names one, else H2).
 */
final class StreamHarness implements AutoCloseable {
  static final String POSTGRES = System.getenv("BULWARK_TEST_POSTGRES_URL");

  final Path dir;
  final LocalKafka kafka;
  final LocalCluster flink;
  final String storeUrl;
  final Store store;
  final StreamAlerts alerts;
  final StreamIncidents incidents;

  StreamHarness(Path dir) throws Exception {
    this.dir = dir;
    this.kafka = LocalKafka.start(dir.resolve("kafka"), 2);
    // one slot each: a job of parallelism 2 has tasks on both, so losing either is felt
    this.flink = LocalCluster.start(2, 1);
    this.storeUrl =
        POSTGRES != null
            ? POSTGRES
            : "jdbc:h2:file:" + dir.resolve("store").resolve("bulwark") + ";DB_CLOSE_ON_EXIT=FALSE";
    this.store = Store.open(storeUrl, "bulwark", "");
    this.alerts = new StreamAlerts(store);
    this.incidents = new StreamIncidents(store);
    alerts.clear();
    incidents.clear();
  }

  /**
   * The repository's log fixtures: JSON lines of an intrusion and a brute force, two EVTX files.
   */
  static List<Path> fixtures() {
    Path logs = Path.of("..", "logs", "src", "test", "resources", "dev", "bulwark", "logs");
    return List.of(
        logs.resolve("hunt"),
        logs.resolve("event"),
        logs.resolve("evtx").resolve("security-task-deleted.evtx"),
        logs.resolve("evtx").resolve("sysmon-process-creation.evtx"));
  }

  /** The shared EVTX samples, or null when this checkout has none. */
  static Path sharedEvtx() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path d = p.resolve("shared").resolve("data").resolve("evtx");
      if (Files.isDirectory(d)) {
        return d;
      }
    }
    return null;
  }

  /**
   * The in-process hunt's detections and incidents of {@code inputs}, named as the stream names
   * them.
   */
  record Hunted(List<String> detections, List<String> incidents, long events) {}

  static Hunted hunt(List<Path> inputs, LogHunt.Settings s) throws Exception {
    LogHunt.Result r =
        LogHunt.run(inputs, s, Progress.none(), DiagnosticSink.ignoring(), new Cancellation())
            .relativeTo(inputs);
    List<String> out = new ArrayList<>();
    for (Detection d : r.detections()) {
      out.add(
          key(
              d.ruleTitle(),
              d.time() == null ? null : d.time().toString(),
              d.source(),
              d.recordId(),
              d.isCorrelation() ? d.summary() : null));
    }
    List<String> incidents = new ArrayList<>();
    for (Incident i : r.incidents()) {
      incidents.add(
          incidentKey(
              i.id(),
              i.title(),
              i.first() == null ? null : i.first().toString(),
              i.last() == null ? null : i.last().toString(),
              String.join(",", i.hosts()),
              String.join(",", i.users()),
              i.detections().size(),
              i.narrative()));
    }
    return new Hunted(
        out.stream().sorted().toList(), incidents.stream().sorted().toList(), r.read().events());
  }

  /** What the stream stored, keyed as {@link #hunt} keys. */
  List<String> stored() {
    List<String> out = new ArrayList<>();
    for (StreamAlerts.Row r : alerts.list(0)) {
      out.add(
          key(
              r.ruleTitle(),
              // the body keeps the event's time to the tick; the column to the microsecond
              timeOf(r.body()),
              r.source(),
              r.recordId(),
              r.correlation() ? r.summary() : null));
    }
    return out.stream().sorted().toList();
  }

  /** What the stream stored as incidents, keyed as {@link #hunt} keys them. */
  List<String> storedIncidents() {
    List<String> out = new ArrayList<>();
    for (StreamIncidents.Row r : incidents.list(0)) {
      com.fasterxml.jackson.databind.JsonNode body = json(r.body());
      out.add(
          incidentKey(
              r.id(),
              r.title(),
              textOrNull(body.get("first")),
              textOrNull(body.get("last")),
              r.hosts().replace('\n', ','),
              r.users().replace('\n', ','),
              r.detections(),
              body.path("narrative").asText()));
    }
    return out.stream().sorted().toList();
  }

  private static String textOrNull(com.fasterxml.jackson.databind.JsonNode n) {
    return n == null || n.isNull() ? null : n.asText();
  }

  static com.fasterxml.jackson.databind.JsonNode json(String body) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().readTree(body);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("a stored body is not JSON: " + body, e);
    }
  }

  private static String incidentKey(
      String id,
      String title,
      String first,
      String last,
      String hosts,
      String users,
      int detections,
      String narrative) {
    return String.join(
        " | ", id, title, first, last, hosts, users, detections + " detections", narrative);
  }

  private static String timeOf(String body) {
    try {
      com.fasterxml.jackson.databind.JsonNode t =
          new com.fasterxml.jackson.databind.ObjectMapper().readTree(body).get("time");
      return t == null || t.isNull() ? null : t.asText();
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("a stored detection's body is not JSON: " + body, e);
    }
  }

  private static String key(
      String rule, String time, String source, String record, String summary) {
    return rule
        + " | "
        + time
        + " | "
        + source
        + " | "
        + record
        + (summary == null ? "" : " | " + summary);
  }

  StreamJob.Options backfill(String topic) {
    return StreamJob.Options.backfill(kafka.bootstrap(), topic, storeUrl)
        .withStore(storeUrl, "bulwark", "")
        .withGroupId("test-" + topic);
  }

  @Override
  public void close() {
    store.close();
    flink.close();
    kafka.close();
  }
}
