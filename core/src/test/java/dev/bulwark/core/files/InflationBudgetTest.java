package dev.bulwark.core.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

class InflationBudgetTest {
  private static byte[] zipOfZeros(int megabytes) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(out)) {
      z.putNextEntry(new ZipEntry("zeros.bin"));
      byte[] mb = new byte[1 << 20];
      for (int i = 0; i < megabytes; i++) {
        z.write(mb);
      }
      z.closeEntry();
      z.putNextEntry(new ZipEntry("after.txt"));
      z.write("x".getBytes());
      z.closeEntry();
    }
    return out.toByteArray();
  }

  @Test
  void skippingAnEntry_stillChargesItsInflatedBytes_andAHighRatioStops() throws Exception {
    byte[] bomb = zipOfZeros(128);
    InflationBudget budget = new InflationBudget(1L << 40, 100, bomb.length);
    ZipInputStream zin = budget.zip(new ByteArrayInputStream(bomb));
    zin.getNextEntry();
    // the reader never reads the entry: moving on inflates it all the same
    assertThatThrownBy(zin::getNextEntry)
        .isInstanceOf(InflationBudget.Exceeded.class)
        .hasMessageContaining("100x its size on disk");
  }

  @Test
  void ordinaryArchives_readWithinBudget() throws Exception {
    byte[] small = zipOfZeros(2);
    InflationBudget budget = new InflationBudget(64L << 20, 100, small.length);
    ZipInputStream zin = budget.zip(new ByteArrayInputStream(small));
    int entries = 0;
    while (zin.getNextEntry() != null) {
      zin.readAllBytes();
      entries++;
    }
    assertThat(entries).isEqualTo(2);
    assertThat(budget.used()).isEqualTo((2L << 20) + 1);
  }

  @Test
  void totalBytes_areCappedWhateverTheRatio() throws Exception {
    InflationBudget budget = new InflationBudget(1 << 20, 1_000_000, 1 << 30);
    assertThatThrownBy(
            () -> budget.charge(new ByteArrayInputStream(new byte[2 << 20])).readAllBytes())
        .isInstanceOf(InflationBudget.Exceeded.class)
        .hasMessageContaining("beyond 1 MB");
  }
}
