package dev.bulwark.core.files;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.errors.Diagnostic;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

class ArchiveReaderTest {
  private final List<Diagnostic> diagnostics = new ArrayList<>();
  private final List<String> seen = new ArrayList<>();

  static byte[] zip(Object... nameAndContent) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(bytes)) {
      for (int i = 0; i < nameAndContent.length; i += 2) {
        z.putNextEntry(new ZipEntry((String) nameAndContent[i]));
        Object c = nameAndContent[i + 1];
        z.write(c instanceof byte[] b ? b : ((String) c).getBytes(StandardCharsets.UTF_8));
        z.closeEntry();
      }
    }
    return bytes.toByteArray();
  }

  private int read(byte[] archive, ArchiveLimits limits) throws IOException {
    return new ArchiveReader(limits, diagnostics::add, "test")
        .read(
            "app.jar",
            new ByteArrayInputStream(archive),
            (path, in, size) -> {
              seen.add(path + "=" + new String(in.readAllBytes(), StandardCharsets.UTF_8));
            });
  }

  @Test
  void nestedArchives_areReadWithDisplayPaths() throws IOException {
    byte[] inner = zip("config/app.properties", "key=v");
    read(zip("README", "hi", "lib/inner.jar", inner), ArchiveLimits.defaults());
    assertThat(seen)
        .containsExactly(
            "app.jar!/README=hi", "app.jar!/lib/inner.jar!/config/app.properties=key=v");
  }

  @Test
  void nestingDeeperThanTheLimit_isNotOpened() throws IOException {
    byte[] level3 = zip("deep.txt", "x");
    byte[] level2 = zip("l3.zip", level3);
    read(zip("l2.zip", level2), new ArchiveLimits(2, 100, 1 << 20, 1 << 24, 100));
    assertThat(seen).isEmpty();
    assertThat(diagnostics).anyMatch(d -> d.message().contains("deeper than 2 levels"));
  }

  @Test
  void pathTraversalNames_areReported() throws IOException {
    read(zip("../../etc/cron.d/evil", "x"), ArchiveLimits.defaults());
    assertThat(diagnostics).anyMatch(d -> d.message().contains("path traversal"));
  }

  @Test
  void zipBomb_stopsAtTheExpansionBudget() throws IOException {
    byte[] zeros = new byte[64 << 20];
    byte[] bomb = zip("a.bin", zeros, "b.bin", zeros, "c.bin", zeros);
    assertThat(bomb.length).isLessThan(1 << 20);
    read(bomb, new ArchiveLimits(3, 100, 100L << 20, 96L << 20, 5000));
    assertThat(diagnostics).anyMatch(d -> d.message().contains("expands beyond"));
  }

  @Test
  void suspiciousCompressionRatio_stopsReading() throws IOException {
    read(zip("a.bin", new byte[8 << 20]), new ArchiveLimits(3, 100, 100L << 20, 1L << 30, 100));
    assertThat(diagnostics).anyMatch(d -> d.message().contains("zip bomb"));
  }

  @Test
  void tooManyEntries_stopsReading() throws IOException {
    Object[] entries = new Object[40];
    for (int i = 0; i < 20; i++) {
      entries[2 * i] = "f" + i;
      entries[2 * i + 1] = "x";
    }
    read(zip(entries), new ArchiveLimits(3, 10, 1 << 20, 1 << 24, 100));
    assertThat(seen).hasSize(10);
    assertThat(diagnostics).anyMatch(d -> d.message().contains("more than 10 entries"));
  }

  @Test
  void malformedArchive_isReportedNotThrown() throws IOException {
    byte[] z = zip("a.txt", "hello world hello world");
    byte[] broken = java.util.Arrays.copyOf(z, z.length / 2);
    broken[8] = 99; // unknown compression method
    read(broken, ArchiveLimits.defaults());
    assertThat(diagnostics).anyMatch(d -> d.message().contains("malformed archive"));
  }
}
