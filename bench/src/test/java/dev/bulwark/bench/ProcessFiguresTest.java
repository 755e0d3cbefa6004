package dev.bulwark.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessFiguresTest {
  @TempDir Path dir;

  @Test
  void peakRss_isVmHwmOfTheStatusFile() throws Exception {
    Path status = dir.resolve("status");
    Files.writeString(
        status, "Name:\tjava\nVmPeak:\t 9000 kB\nVmHWM:\t  204800 kB\nVmRSS:\t 1 kB\n");
    assertThat(ProcessFigures.peakRss(status)).isEqualTo(204800L * 1024);
    assertThat(ProcessFigures.peakRss(dir.resolve("missing"))).isEqualTo(-1);
  }

  @Test
  void current_reportsThisProcess_inTheSummaryLines() {
    ProcessFigures f = ProcessFigures.current();
    assertThat(f.cpuSeconds()).isPositive();
    String s = f.summary("logs");
    assertThat(s).contains("logs_process_cpu_s=").contains("logs_peak_rss_mb=");
    if (Files.isReadable(Path.of("/proc/self/status"))) {
      assertThat(f.peakRssBytes()).isGreaterThan(1L << 20);
    }
  }
}
