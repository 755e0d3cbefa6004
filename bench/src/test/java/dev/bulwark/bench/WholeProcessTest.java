package dev.bulwark.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Whole-process figures come from GNU time's report of the child, failures included. */
class WholeProcessTest {

  @Test
  void report_withGnuTimesRemark_isReadFromItsLastLine() throws IOException {
    WholeProcess.Figures f =
        WholeProcess.parse("Command exited with non-zero status 1\n0.52 0.40 0.05 204800 1\n", 1);
    assertThat(f.cpuSeconds()).isEqualTo(0.45, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(f.peakRssKb()).isEqualTo(204800);
    assertThat(f.exit()).isEqualTo(1);
    assertThatThrownBy(() -> WholeProcess.parse("garbage", 0)).isInstanceOf(IOException.class);
  }

  @Test
  void aRealChild_isChargedItsCpuAndMemory() throws Exception {
    assumeTrue(WholeProcess.available(), "GNU time (/usr/bin/time) is not installed");
    // a shell that burns some CPU and then fails: the figures are its own, with its exit status
    WholeProcess.Figures f =
        WholeProcess.run(
            List.of("sh", "-c", "i=0; while [ $i -lt 200000 ]; do i=$((i+1)); done; exit 3"),
            Map.of());
    assertThat(f.exit()).isEqualTo(3);
    assertThat(f.cpuSeconds()).isGreaterThan(0.05);
    assertThat(f.peakRssKb()).isPositive();
  }

  @Test
  void median_isTakenByCpu() {
    var a = new WholeProcess.Figures(1, 3.0, 10, 0);
    var b = new WholeProcess.Figures(1, 1.0, 10, 0);
    var c = new WholeProcess.Figures(1, 2.0, 10, 0);
    assertThat(WholeProcess.median(List.of(a, b, c))).isEqualTo(c);
  }
}
