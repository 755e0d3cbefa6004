package dev.bulwark.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.errors.DiagnosticSink;
import dev.bulwark.core.model.Severity;
import dev.bulwark.logs.LogHunt;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.JobID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A running job takes a new rule pack from the rules topic without a restart. */
class StreamRulesTest {
  @TempDir static Path dir;
  private static StreamHarness h;

  @BeforeAll
  static void start() throws Exception {
    h = new StreamHarness(dir);
  }

  @AfterAll
  static void stop() {
    if (h != null) {
      h.close();
    }
  }

  private static Path rules(String version) {
    return Path.of("src", "test", "resources", "dev", "bulwark", "stream", "rules-" + version);
  }

  private static void publish(RulePack pack) throws Exception {
    try (KafkaProducer<String, String> p = Shipper.producer(h.kafka.bootstrap())) {
      p.send(new ProducerRecord<>("rules", "pack", pack.toJson())).get();
    }
  }

  @Test
  void aNewerPackOnTheRulesTopic_replacesTheRulesOfTheRunningJob() throws Exception {
    Path fixture =
        Path.of("..", "logs", "src", "test", "resources", "dev", "bulwark", "logs", "hunt")
            .resolve("security-bruteforce.jsonl");
    Path before = Files.createDirectories(dir.resolve("before")).resolve("before.jsonl");
    Path after = Files.createDirectories(dir.resolve("after")).resolve("after.jsonl");
    Files.copy(fixture, before);
    Files.copy(fixture, after);
    h.kafka.createTopic("live", 2);
    h.kafka.createTopic("rules", 1);
    RulePack v1 = RulePack.of(1, List.of(rules("v1")), Severity.INFO);
    RulePack v2 = RulePack.of(2, List.of(rules("v2")), Severity.INFO);
    publish(v1);
    List<String> expectedV1 =
        StreamHarness.hunt(
                List.of(before), LogHunt.Settings.defaults().withRules(List.of(rules("v1"))))
            .detections();
    List<String> expectedV2 =
        StreamHarness.hunt(
                List.of(after), LogHunt.Settings.defaults().withRules(List.of(rules("v2"))))
            .detections();
    assertThat(expectedV1).isNotEmpty();
    assertThat(expectedV2).isNotEmpty();

    JobID job =
        h.flink.submit(h.backfill("live").withBounded(false).withRulesTopic("rules").withRules(v1));
    try {
      Shipper.ship(
          List.of(before.getParent()), "live", h.kafka.bootstrap(), DiagnosticSink.ignoring());
      await(expectedV1);

      publish(v2);
      Thread.sleep(3000); // the broadcast reaches every task
      Shipper.ship(
          List.of(after.getParent()), "live", h.kafka.bootstrap(), DiagnosticSink.ignoring());
      List<String> both =
          java.util.stream.Stream.concat(expectedV1.stream(), expectedV2.stream())
              .sorted()
              .toList();
      await(both);

      // what came before the switch was judged by version 1 only, what came after by version 2
      assertThat(h.stored()).containsExactlyElementsOf(both);
    } finally {
      h.flink.cancel(job);
    }
  }

  private static void await(List<String> expected) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (h.stored().size() < expected.size() && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    Thread.sleep(1000); // nothing more arrives
    assertThat(h.stored()).containsExactlyElementsOf(expected);
  }
}
