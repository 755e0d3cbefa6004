package dev.bulwark.core.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.errors.Diagnostic;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FileTimeBudgetTest {

  /** Hashes the data over and over, a checkpoint per round: real work with no end of its own. */
  private static void hashForever(byte[] data, Cancellation c) throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    while (true) {
      sha.update(data);
      c.checkpoint();
    }
  }

  @Test
  void workPastTheBudget_isStoppedAtACheckpoint_andReportedWithFileAndAnalyzer() throws Exception {
    List<Diagnostic> diags = new ArrayList<>();
    FileTimeBudget budget = FileTimeBudget.of(Duration.ofMillis(200));
    long t0 = System.nanoTime();
    boolean finished =
        budget.run(
            "secrets",
            "big.txt",
            diags::add,
            () -> hashForever(new byte[4096], new Cancellation()));
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertThat(finished).isFalse();
    assertThat(ms).isGreaterThanOrEqualTo(200).isLessThan(10_000);
    assertThat(diags).hasSize(1);
    assertThat(diags.get(0).path()).isEqualTo("big.txt");
    assertThat(diags.get(0).source()).isEqualTo("secrets");
    assertThat(diags.get(0).message()).contains("analyzer secrets").contains("200 ms");
    // outside run() nothing is limited any more
    FileTimeBudget.check();
  }

  @Test
  void workWithinTheBudget_finishes_andReportsNothing() throws Exception {
    List<Diagnostic> diags = new ArrayList<>();
    int[] read = {0};
    boolean finished =
        FileTimeBudget.defaults()
            .run(
                "logs",
                "a.log",
                diags::add,
                () -> {
                  try (InputStream in =
                      FileTimeBudget.guard(new ByteArrayInputStream(new byte[100_000]))) {
                    while (in.read() >= 0) {
                      read[0]++;
                    }
                  }
                });
    assertThat(finished).isTrue();
    assertThat(read[0]).isEqualTo(100_000);
    assertThat(diags).isEmpty();
  }

  @Test
  void otherFailures_passThroughUnchanged() {
    assertThatThrownBy(() ->
            FileTimeBudget.defaults()
                .run(
                    "deps",
                    "pom.xml",
                    d -> {},
                    () -> {
                      throw new IllegalStateException("broken");
                    }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("broken");
  }

  @Test
  void durations_areReadWithUnits_andNonsenseRefused() {
    assertThat(FileTimeBudget.parse("500ms").limit()).isEqualTo(Duration.ofMillis(500));
    assertThat(FileTimeBudget.parse("30").limit()).isEqualTo(Duration.ofSeconds(30));
    assertThat(FileTimeBudget.parse("2m").limit()).isEqualTo(Duration.ofMinutes(2));
    assertThatThrownBy(() -> FileTimeBudget.parse("soon")).hasMessageContaining("soon");
    assertThatThrownBy(() -> FileTimeBudget.parse("0s")).hasMessageContaining("positive");
  }
}
