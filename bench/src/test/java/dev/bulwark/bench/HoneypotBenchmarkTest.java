package dev.bulwark.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HoneypotBenchmarkTest {
  @Test
  void moreSessionsThanJavasDefaultBacklog_allSucceed_overTheCheapKeyExchange(@TempDir Path dir)
      throws Exception {
    HoneypotBenchmark.Result r =
        new HoneypotBenchmark(600, 1, dir)
            .run(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    assertThat(r.failed()).as(r.summary()).isZero();
    assertThat(r.logged()).isEqualTo(r.commands()).isEqualTo(600);
    List<String> kex = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.getFileName().toString().startsWith("events-")).toList()) {
        Files.readAllLines(f).stream()
            .filter(l -> l.contains("\"eventid\":\"cowrie.client.kex\""))
            .forEach(kex::add);
      }
    }
    // the honeypot saw the client's proposal: curve25519 first, no lattice hybrid to negotiate
    assertThat(kex).hasSize(600);
    assertThat(kex)
        .allSatisfy(l ->
            assertThat(l)
                .contains("\"kexAlgs\":[\"curve25519-sha256\",")
                .doesNotContain("sntrup761", "mlkem"));
  }

  @Test
  void timeout_growsWithTheQueuedWork_aboveAFloor() {
    assertThat(HoneypotBenchmark.timeout(100, 2)).isEqualTo(Duration.ofSeconds(30));
    assertThat(HoneypotBenchmark.timeout(2000, 2)).isEqualTo(Duration.ofSeconds(160));
    assertThat(HoneypotBenchmark.timeout(500, 2))
        .isGreaterThan(HoneypotBenchmark.timeout(100, 2).minusSeconds(1));
  }
}
