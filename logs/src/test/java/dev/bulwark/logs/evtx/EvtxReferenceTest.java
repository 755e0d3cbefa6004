package dev.bulwark.logs.evtx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every EVTX file of the shared corpus must read exactly as libevtx's evtxexport prints it, record
 * for record and byte for byte. Skips when the corpus or evtxexport is missing (CI installs
 * libevtx-utils).
 */
class EvtxReferenceTest {
  private static final Path SHARED = Path.of("../../shared/data").toAbsolutePath().normalize();

  static boolean hasEvtxexport() {
    try {
      Process p = new ProcessBuilder("evtxexport", "-V").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(10, TimeUnit.SECONDS);
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  @Test
  void everySharedEvtxFileMatchesEvtxexport() throws Exception {
    Path dir = SHARED.resolve("evtx");
    assumeTrue(Files.isDirectory(dir), "shared EVTX corpus not present at " + dir);
    assumeTrue(hasEvtxexport(), "evtxexport (Debian package libevtx-utils) is not installed");
    List<Path> files;
    try (Stream<Path> s = Files.walk(dir)) {
      files = s.filter(p -> p.toString().endsWith(".evtx")).sorted().toList();
    }
    List<String> differ = new ArrayList<>();
    long records = 0;
    for (Path f : files) {
      Process p =
          new ProcessBuilder("evtxexport", "-f", "xml", f.toString())
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      byte[] ref = p.getInputStream().readAllBytes();
      p.waitFor(60, TimeUnit.SECONDS);
      ByteArrayOutputStream mine = new ByteArrayOutputStream();
      String head = new String(ref, 0, Math.min(ref.length, 64), StandardCharsets.UTF_8);
      mine.writeBytes(head.substring(0, head.indexOf("\n\n") + 2).getBytes(StandardCharsets.UTF_8));
      long[] n = {0};
      try (InputStream in = new BufferedInputStream(Files.newInputStream(f))) {
        EvtxReader.read(
            f.toString(),
            in,
            EvtxReader.Style.LIBEVTX,
            r -> {
              n[0]++;
              mine.writeBytes((r.xml().toXml() + "\n").getBytes(StandardCharsets.UTF_8));
            },
            problem -> {});
      }
      records += n[0];
      if (!java.util.Arrays.equals(ref, mine.toByteArray())) {
        differ.add(dir.relativize(f).toString());
      }
    }
    assertThat(files).isNotEmpty();
    assertThat(differ).as("files whose records differ from evtxexport").isEmpty();
    assertThat(records).isPositive();
  }
}
