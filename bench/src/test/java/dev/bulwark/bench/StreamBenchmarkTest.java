package dev.bulwark.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stream benchmark's state figure, on the log fixtures: a real broker, cluster and store. */
class StreamBenchmarkTest {
  private static final Path HUNT =
      Path.of("..", "logs", "src", "test", "resources", "dev", "bulwark", "logs", "hunt");

  @Test
  void stateOnly_measuresTheCheckpointOfAJobThatHasReadEveryEvent(@TempDir Path dir)
      throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    StreamBenchmark.Result r =
        new StreamBenchmark(HUNT, dir, null, 200, 0, 0, true, true)
            .run(new PrintStream(printed, true, StandardCharsets.UTF_8));
    String out = printed.toString(StandardCharsets.UTF_8);

    StreamBenchmark.State s = r.state();
    assertThat(s).as(out).isNotNull();
    assertThat(r.events()).isGreaterThanOrEqualTo(200);
    // the operators that keep state between events: the readers' offsets, the rule pack broadcast
    // to the matching tasks, the open incidents
    assertThat(s.byOperator().keySet())
        .anySatisfy(k -> assertThat(k).contains("events"))
        .anySatisfy(k -> assertThat(k).contains("match"))
        .anySatisfy(k -> assertThat(k).contains("incidents"));
    assertThat(s.stateBytes())
        .isPositive()
        .isEqualTo(s.byOperator().values().stream().mapToLong(Long::longValue).sum());
    // what Flink reports is what the checkpoint's directory holds, plus the metadata file
    assertThat(s.directoryBytes()).isGreaterThanOrEqualTo(s.stateBytes());
    assertThat(r.summary())
        .contains("stream_state_bytes=" + s.stateBytes())
        .doesNotContain("stream_1tm_events_per_second");
  }
}
