package dev.bulwark.stream;

import dev.bulwark.core.model.Severity;
import dev.bulwark.logs.hunt.Incidents;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.serialization.SimpleStringSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The detection pipeline as a Flink job: Kafka events → match (the Sigma engine, rules broadcast
 * from a rules topic) → correlations as keyed state with event-time timers → the team store and a
 * detections topic; detections are grouped into incidents (logs' grouping) for the store and an
 * incidents topic. Checkpoints store the Kafka offsets with the operators' state (exactly-once
 * reading); the store writes are at-least-once with deterministic ids, so a replay after a failure
 * neither loses nor duplicates a detection.
 */
public final class StreamJob {
  /** Everything a run needs. Null topics and store mean "none". */
  public record Options(
      String bootstrap,
      String topic,
      String groupId,
      String rulesTopic,
      String detectionsTopic,
      String incidentsTopic,
      String storeUrl,
      String storeUser,
      String storePassword,
      RulePack rules,
      boolean bounded,
      int parallelism,
      Duration checkpointInterval,
      Duration outOfOrderness,
      Duration stateTtl,
      long maxRatePerTask) {

    /** A back-fill of {@code topic} with the built-in rules into the store at {@code storeUrl}. */
    public static Options backfill(String bootstrap, String topic, String storeUrl) {
      return new Options(
          bootstrap,
          topic,
          "bulwark-stream",
          null,
          null,
          null,
          storeUrl,
          "bulwark",
          "",
          RulePack.builtIn(Severity.INFO),
          true,
          2,
          Duration.ofSeconds(1),
          Duration.ofMinutes(5),
          Duration.ofDays(7),
          0);
    }

    public Options withRules(RulePack r) {
      return with(b -> b.rules = r);
    }

    public Options withRulesTopic(String t) {
      return with(b -> b.rulesTopic = t);
    }

    public Options withDetectionsTopic(String t) {
      return with(b -> b.detectionsTopic = t);
    }

    public Options withIncidentsTopic(String t) {
      return with(b -> b.incidentsTopic = t);
    }

    public Options withStore(String url, String user, String password) {
      return with(b -> {
        b.storeUrl = url;
        b.storeUser = user;
        b.storePassword = password;
      });
    }

    public Options withBounded(boolean value) {
      return with(b -> b.bounded = value);
    }

    public Options withParallelism(int n) {
      return with(b -> b.parallelism = n);
    }

    public Options withGroupId(String g) {
      return with(b -> b.groupId = g);
    }

    public Options withCheckpointInterval(Duration d) {
      return with(b -> b.checkpointInterval = d);
    }

    public Options withOutOfOrderness(Duration d) {
      return with(b -> b.outOfOrderness = d);
    }

    /**
     * At most {@code perSecond} events per second read by each source task (0: no cap), so that a
     * back-fill of months of logs leaves the cluster and the store room for live traffic.
     */
    public Options withMaxRatePerTask(long perSecond) {
      if (perSecond < 0) {
        throw new IllegalArgumentException("the rate cap must be 0 (none) or positive");
      }
      return with(b -> b.maxRatePerTask = perSecond);
    }

    /** A copy with what {@code change} sets changed. */
    private Options with(java.util.function.Consumer<Draft> change) {
      Draft d = new Draft(this);
      change.accept(d);
      return d.options();
    }
  }

  /** Options being changed: the fields of {@link Options}, settable. */
  private static final class Draft {
    String bootstrap;
    String topic;
    String groupId;
    String rulesTopic;
    String detectionsTopic;
    String incidentsTopic;
    String storeUrl;
    String storeUser;
    String storePassword;
    RulePack rules;
    boolean bounded;
    int parallelism;
    Duration checkpointInterval;
    Duration outOfOrderness;
    Duration stateTtl;
    long maxRatePerTask;

    Draft(Options o) {
      bootstrap = o.bootstrap();
      topic = o.topic();
      groupId = o.groupId();
      rulesTopic = o.rulesTopic();
      detectionsTopic = o.detectionsTopic();
      incidentsTopic = o.incidentsTopic();
      storeUrl = o.storeUrl();
      storeUser = o.storeUser();
      storePassword = o.storePassword();
      rules = o.rules();
      bounded = o.bounded();
      parallelism = o.parallelism();
      checkpointInterval = o.checkpointInterval();
      outOfOrderness = o.outOfOrderness();
      stateTtl = o.stateTtl();
      maxRatePerTask = o.maxRatePerTask();
    }

    Options options() {
      return new Options(
          bootstrap,
          topic,
          groupId,
          rulesTopic,
          detectionsTopic,
          incidentsTopic,
          storeUrl,
          storeUser,
          storePassword,
          rules,
          bounded,
          parallelism,
          checkpointInterval,
          outOfOrderness,
          stateTtl,
          maxRatePerTask);
    }
  }

  private StreamJob() {}

  /** The cluster settings the job wants: restarts after a failure, from the last checkpoint. */
  public static Configuration configuration() {
    Configuration c = new Configuration();
    c.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
    c.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 20);
    c.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofSeconds(1));
    // a restart that finds no free slot (a lost TaskManager not yet noticed) tries again soon
    // rather than waiting the default five minutes
    c.set(
        org.apache.flink.configuration.JobManagerOptions.SLOT_REQUEST_TIMEOUT,
        Duration.ofSeconds(20));
    return c;
  }

  /** Adds the pipeline to {@code env}. */
  public static void build(StreamExecutionEnvironment env, Options o) {
    env.setParallelism(o.parallelism());
    env.enableCheckpointing(o.checkpointInterval().toMillis(), CheckpointingMode.EXACTLY_ONCE);

    // One reader per partition at most. A reader without a partition sends no watermark, and the
    // only way to keep it from holding everything back would be to let it go idle (below).
    java.util.Map<org.apache.kafka.common.TopicPartition, Long> ends =
        endOffsets(o.bootstrap(), o.topic());
    int readers = Math.max(1, Math.min(o.parallelism(), ends.size()));
    KafkaSourceBuilder<Raw> events =
        KafkaSource.<Raw>builder()
            .setBootstrapServers(o.bootstrap())
            .setTopics(o.topic())
            .setGroupId(o.groupId())
            .setStartingOffsets(startingOffsets())
            .setDeserializer(new RawDeserializer());
    if (o.bounded()) {
      // the end as it is now, fixed in the job: a restart after a failure stops at the same offsets
      events.setBounded(OffsetsInitializer.offsets(ends));
    }
    // The shipper stamps each record with its event's time; the watermark trails the newest by the
    // disorder the job tolerates, and correlations and incidents evaluate only behind it.
    //
    // No idleness: a reader whose partitions fall quiet keeps its last watermark rather than being
    // marked idle. Flink lets records flow on a channel marked idle and marks it active only with
    // the next watermark, which reaches the correlation and incident operators by several routes
    // (the matching task's own channel, the keyed correlation operators, the broadcast side of
    // every matching task). By one route it could arrive while the records it follows were still
    // queued on the channel marked idle, and the operator's watermark jumped past them: an
    // incident closed before a detection 28 minutes after its last one arrived together with an
    // event hours later. With every channel that carries events always active, each operator sees
    // a watermark only behind the records it follows on the same channel. The price: a partition
    // with no new events holds correlations and incidents (not single-event detections) back
    // until it has one, as Flink does by default.
    WatermarkStrategy<Raw> watermarks =
        WatermarkStrategy.<Raw>forBoundedOutOfOrderness(o.outOfOrderness())
            .withTimestampAssigner((raw, kafkaTime) -> kafkaTime);
    DataStream<Raw> raws =
        env.fromSource(events.build(), watermarks, "events").uid("events").setParallelism(readers);
    if (o.maxRatePerTask() > 0) {
      raws =
          raws.map(new Throttle(o.maxRatePerTask()))
              .uid("throttle")
              .name("rate cap")
              .setParallelism(readers);
    }

    DataStream<String> packs;
    if (o.rulesTopic() != null) {
      KafkaSourceBuilder<String> rules =
          KafkaSource.<String>builder()
              .setBootstrapServers(o.bootstrap())
              .setTopics(o.rulesTopic())
              .setGroupId(o.groupId() + "-rules")
              .setStartingOffsets(OffsetsInitializer.earliest())
              .setValueOnlyDeserializer(new SimpleStringSchema(StandardCharsets.UTF_8));
      if (o.bounded()) {
        rules.setBounded(OffsetsInitializer.latest());
      }
      packs =
          env.fromSource(
                  rules.build(),
                  WatermarkStrategy.<String>forMonotonousTimestamps()
                      .withIdleness(Duration.ofSeconds(1)),
                  "rules")
              .uid("rules")
              .setParallelism(1);
    } else {
      // No rules topic: every operator keeps the initial pack. The broadcast side is then an empty
      // stream cut from the events themselves, never a finished source: a finished source sends
      // the end-of-time watermark, and once the events side idled that would be the only watermark
      // left, closing every correlation and incident window at once and for good.
      packs =
          raws.flatMap((Raw r, org.apache.flink.util.Collector<String> out) -> {})
              .returns(String.class)
              .uid("rules")
              .name("rules (initial pack only)")
              .setParallelism(readers);
    }
    BroadcastStream<String> broadcast = packs.broadcast(MatchFunction.RULES);

    SingleOutputStreamOperator<Alert> matched =
        raws.connect(broadcast).process(new MatchFunction(o.rules())).uid("match").name("match");
    DataStream<Hit> hits = matched.getSideOutput(MatchFunction.HITS);
    Engine engine = o.rules().engine();
    List<DataStream<Alert>> outputs = new ArrayList<>();
    outputs.add(matched);
    List<DataStream<Hit>> lifted = new ArrayList<>();
    for (int l = 1; l <= Engine.LEVELS; l++) {
      final int level = l;
      DataStream<Hit> in = hits.filter(h -> h.level() == level).name("level " + l + " inputs");
      for (DataStream<Hit> up : lifted) {
        in = in.union(up.filter(h -> h.level() == level).name("level " + l + " inputs"));
      }
      SingleOutputStreamOperator<Alert> correlated =
          in.keyBy(Hit::key)
              .connect(broadcast)
              .process(new CorrelateFunction(level, engine.lag(level), o.rules(), o.stateTtl()))
              .uid("correlate-" + l)
              .name("correlate level " + l);
      outputs.add(correlated);
      lifted.add(correlated.getSideOutput(MatchFunction.HITS));
    }
    DataStream<Alert> all = outputs.get(0);
    for (DataStream<Alert> d : outputs.subList(1, outputs.size())) {
      all = all.union(d);
    }
    if (o.storeUrl() != null) {
      all.sinkTo(StoreSink.detections(o.storeUrl(), o.storeUser(), o.storePassword()))
          .uid("store")
          .name("store");
    }
    // Incidents: logs' grouping over every detection, in one keyed operator (an incident can span
    // hosts and users, so no finer key keeps it whole); see IncidentFunction.
    if (o.storeUrl() != null || o.incidentsTopic() != null) {
      SingleOutputStreamOperator<IncidentOut> incidents =
          all.keyBy(a -> (byte) 0, TypeInformation.of(Byte.class))
              .process(
                  new IncidentFunction(
                      o.rules(), Incidents.Options.defaults().window(), o.stateTtl()))
              .uid("incidents")
              .name("incidents")
              .setParallelism(1);
      if (o.storeUrl() != null) {
        incidents
            .sinkTo(StoreSink.incidents(o.storeUrl(), o.storeUser(), o.storePassword()))
            .uid("store-incidents")
            .name("store incidents")
            .setParallelism(1);
      }
      if (o.incidentsTopic() != null) {
        incidents
            .sinkTo(
                KafkaSink.<IncidentOut>builder()
                    .setBootstrapServers(o.bootstrap())
                    .setRecordSerializer(
                        KafkaRecordSerializationSchema.builder()
                            .setTopic(o.incidentsTopic())
                            .setKeySerializationSchema(IncidentJson.key())
                            .setValueSerializationSchema(IncidentJson.value())
                            .build())
                    .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                    .build())
            .uid("incidents-topic")
            .name("incidents topic")
            .setParallelism(1);
      }
    }
    if (o.detectionsTopic() != null) {
      all.sinkTo(
              KafkaSink.<Alert>builder()
                  .setBootstrapServers(o.bootstrap())
                  .setRecordSerializer(
                      KafkaRecordSerializationSchema.builder()
                          .setTopic(o.detectionsTopic())
                          .setValueSerializationSchema(new AlertJson())
                          .build())
                  .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                  .build())
          .uid("detections")
          .name("detections topic");
    }
  }

  /** The topic's current end offset per partition. */
  static java.util.Map<org.apache.kafka.common.TopicPartition, Long> endOffsets(
      String bootstrap, String topic) {
    java.util.Properties p = new java.util.Properties();
    p.put(org.apache.kafka.clients.admin.AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    try (org.apache.kafka.clients.admin.Admin admin =
        org.apache.kafka.clients.admin.Admin.create(p)) {
      var partitions =
          admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions();
      java.util.Map<
              org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec>
          ask = new java.util.HashMap<>();
      for (var info : partitions) {
        ask.put(
            new org.apache.kafka.common.TopicPartition(topic, info.partition()),
            org.apache.kafka.clients.admin.OffsetSpec.latest());
      }
      java.util.Map<org.apache.kafka.common.TopicPartition, Long> out = new java.util.HashMap<>();
      admin.listOffsets(ask).all().get().forEach((tp, r) -> out.put(tp, r.offset()));
      return out;
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(
          topic
              + ": cannot read the topic's partitions (it must exist before the job starts): "
              + e.getCause().getMessage(),
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(topic + ": interrupted reading the topic's end", e);
    }
  }

  /** Where a new job starts reading: its group's committed offsets, else the beginning. */
  @SuppressWarnings("deprecation") // the connector's API still takes Kafka's older enum
  private static OffsetsInitializer startingOffsets() {
    return OffsetsInitializer.committedOffsets(
        org.apache.kafka.clients.consumer.OffsetResetStrategy.EARLIEST);
  }

  /**
   * The entry point for {@code flink run bulwark-stream.jar}: {@code --bootstrap HOST:PORT --topic
   * T [--rules-topic R] [--detections-topic D] [--incidents-topic I] [--store JDBC-URL]
   * [--store-user U] [--store-password P] [--rules DIR] [--group G] [--parallelism N]
   * [--max-rate-per-task N] [--bounded]}.
   */
  public static void main(String[] args) throws Exception {
    java.util.Map<String, String> a = new java.util.HashMap<>();
    boolean bounded = false;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--bounded")) {
        bounded = true;
      } else if (args[i].startsWith("--") && i + 1 < args.length) {
        a.put(args[i].substring(2), args[++i]);
      } else {
        throw new IllegalArgumentException("unexpected argument: " + args[i]);
      }
    }
    if (!a.containsKey("bootstrap") || !a.containsKey("topic")) {
      throw new IllegalArgumentException("--bootstrap HOST:PORT and --topic T are required");
    }
    Options o =
        Options.backfill(a.get("bootstrap"), a.get("topic"), a.get("store"))
            .withBounded(bounded)
            .withRulesTopic(a.get("rules-topic"))
            .withDetectionsTopic(a.get("detections-topic"))
            .withIncidentsTopic(a.get("incidents-topic"))
            .withGroupId(a.getOrDefault("group", "bulwark-stream"))
            .withParallelism(Integer.parseInt(a.getOrDefault("parallelism", "2")))
            .withMaxRatePerTask(Long.parseLong(a.getOrDefault("max-rate-per-task", "0")));
    if (a.containsKey("store")) {
      o =
          o.withStore(
              a.get("store"),
              a.getOrDefault("store-user", "bulwark"),
              a.getOrDefault("store-password", ""));
    }
    if (a.containsKey("rules")) {
      o = o.withRules(RulePack.of(1, List.of(Path.of(a.get("rules"))), Severity.INFO));
    }
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.getExecutionEnvironment(configuration());
    build(env, o);
    env.execute("bulwark stream");
  }
}
