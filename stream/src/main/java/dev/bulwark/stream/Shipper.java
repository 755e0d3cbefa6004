package dev.bulwark.stream;

import dev.bulwark.core.errors.DiagnosticSink;
import dev.bulwark.logs.LogHunt;
import dev.bulwark.logs.event.Event;
import dev.bulwark.logs.event.LogReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends log files to a Kafka topic as events, for back-fills and tests: every file Bulwark reads
 * (EVTX, JSON lines, Zeek, syslog, CSV, archives) with the same readers {@code logs hunt} uses. The
 * events of one run are sent in time order, so that the job's watermarks, which assume a bounded
 * disorder, hold for a back-fill of files of different days. Each event is keyed by its file, so
 * one file's events stay in one partition.
 */
public final class Shipper {
  /** What a run sent. */
  public record Shipped(long files, long events, long bytes) {}

  private Shipper() {}

  /** Reads {@code inputs} and sends their events to {@code topic}. */
  public static Shipped ship(
      List<Path> inputs, String topic, String bootstrap, DiagnosticSink diagnostics)
      throws IOException, dev.bulwark.core.errors.InputException {
    List<Path> files = LogReader.expand(inputs, diagnostics);
    LogReader reader = new LogReader(LogReader.Options.defaults(), diagnostics);
    record Pending(Instant time, String source, String value) {}
    List<Pending> events = new ArrayList<>();
    for (Path f : files) {
      reader.read(
          f,
          e -> {
            String source = LogHunt.relativeSource(e.source(), inputs);
            events.add(new Pending(e.time(), source, Envelope.write(e, source)));
          });
    }
    // stable: events of one time keep the order they were read in
    events.sort(
        Comparator.comparing(Pending::time, Comparator.nullsFirst(Comparator.naturalOrder())));
    long bytes = 0;
    java.util.concurrent.atomic.AtomicReference<Exception> failed =
        new java.util.concurrent.atomic.AtomicReference<>();
    try (KafkaProducer<String, String> producer = producer(bootstrap)) {
      for (Pending p : events) {
        producer.send(
            new ProducerRecord<>(
                topic,
                null,
                p.time() == null ? null : p.time().toEpochMilli(),
                p.source(),
                p.value()),
            (meta, e) -> {
              if (e != null) {
                failed.compareAndSet(null, e);
              }
            });
        bytes += p.value().getBytes(StandardCharsets.UTF_8).length;
      }
      producer.flush();
    }
    if (failed.get() != null) {
      // a broker refuses, e.g., records stamped more than its allowance in the future
      throw new IOException(topic + ": the broker refused events: " + failed.get().getMessage());
    }
    return new Shipped(files.size(), events.size(), bytes);
  }

  /** Sends one event's envelope; for callers that make events themselves. */
  public static void send(KafkaProducer<String, String> producer, String topic, Event e) {
    producer.send(
        new ProducerRecord<>(
            topic,
            null,
            e.time() == null ? null : e.time().toEpochMilli(),
            e.source(),
            Envelope.write(e, e.source())));
  }

  /** A producer that waits for the broker's acknowledgement and never duplicates on retry. */
  public static KafkaProducer<String, String> producer(String bootstrap) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
    p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(TimeUnit.SECONDS.toMillis(60)));
    return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
  }
}
