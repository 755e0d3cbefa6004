package dev.bulwark.stream;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A one-node Kafka broker in KRaft mode (broker and controller in one process) on 127.0.0.1, for
 * tests, benchmarks and trying the stream job on one machine. Its log directory is formatted on
 * start, as {@code kafka-storage format} would, and deleted by the caller when done.
 */
public final class LocalKafka implements AutoCloseable {
  private final KafkaRaftServer server;
  private final String bootstrap;

  private LocalKafka(KafkaRaftServer server, String bootstrap) {
    this.server = server;
    this.bootstrap = bootstrap;
  }

  /** Formats {@code dir} and starts a broker whose topics get {@code partitions} by default. */
  public static LocalKafka start(Path dir, int partitions) throws Exception {
    int port = freePort();
    int controllerPort = freePort();
    Path logs = dir.resolve("logs");
    Files.createDirectories(logs);
    Properties p = new Properties();
    p.put("process.roles", "broker,controller");
    p.put("node.id", "1");
    p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
    p.put(
        "listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
    p.put("controller.listener.names", "CONTROLLER");
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("log.dirs", logs.toString());
    p.put("num.partitions", Integer.toString(partitions));
    // one broker: every internal topic has a single replica
    p.put("offsets.topic.replication.factor", "1");
    p.put("offsets.topic.num.partitions", "1");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");
    p.put("group.initial.rebalance.delay.ms", "0");
    // Shipped events carry their own (old) times as record timestamps, which time-based retention
    // would take for expired data and delete within the first minute: this broker keeps all.
    p.put("log.retention.ms", "-1");
    p.put("log.retention.bytes", "-1");
    p.put("log.flush.interval.messages", Long.toString(Long.MAX_VALUE));
    KafkaConfig config = KafkaConfig.fromProps(p, false);
    try (PrintStream quiet = new PrintStream(OutputStream.nullOutputStream())) {
      new Formatter()
          .setPrintStream(quiet)
          .setNodeId(1)
          .setClusterId(Uuid.randomUuid().toString())
          .setDirectories(List.of(logs.toString()))
          .setMetadataLogDirectory(logs.toString())
          .setControllerListenerName("CONTROLLER")
          .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
          .setReleaseVersion(MetadataVersion.latestProduction())
          .run();
    }
    KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
    server.startup();
    LocalKafka k = new LocalKafka(server, "127.0.0.1:" + port);
    k.awaitReady();
    return k;
  }

  public String bootstrap() {
    return bootstrap;
  }

  /** Creates a topic and waits until it exists. */
  public void createTopic(String name, int partitions) throws Exception {
    try (Admin admin = admin()) {
      admin
          .createTopics(List.of(new NewTopic(name, partitions, (short) 1)))
          .all()
          .get(60, TimeUnit.SECONDS);
    }
  }

  private Admin admin() {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    return Admin.create(p);
  }

  private void awaitReady() throws Exception {
    try (Admin admin = admin()) {
      // the broker answers once the controller has registered it
      admin.describeCluster().nodes().get(60, TimeUnit.SECONDS);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() {
    server.shutdown();
    server.awaitShutdown();
  }
}
