package dev.bulwark.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ThrottleTest {
  @Test
  void pacesEventsToTheCap() throws Exception {
    Throttle t = new Throttle(200); // one event every 5 ms
    Raw raw = new Raw("events/0@0", "{}");
    long start = System.nanoTime();
    for (int i = 0; i < 41; i++) {
      assertThat(t.map(raw)).isSameAs(raw);
    }
    // the 41st event is due 40 intervals after the first: sleeping never returns early
    assertThat(System.nanoTime() - start)
        .isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(199));
  }

  @Test
  void aCapMustBePositive() {
    assertThatThrownBy(() -> new Throttle(0)).hasMessageContaining("positive");
    assertThatThrownBy(() -> StreamJob.Options.backfill("b", "t", null).withMaxRatePerTask(-1))
        .hasMessageContaining("0 (none) or positive");
  }
}
