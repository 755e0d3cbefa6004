package dev.bulwark.logs.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bulwark.logs.evtx.EvtxReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Fuzz target for the EVTX reader: any bytes after a valid file header must end in records or
 * problems, never an exception escaping the reader. Plain JUnit replays the corpus in {@code
 * src/test/resources/dev/bulwark/logs/fuzz/EvtxFuzzTestInputs/}; {@code JAZZER_FUZZ=1} fuzzes.
 */
class EvtxFuzzTest {
  private static final byte[] MAGIC = "ElfFile\0".getBytes(StandardCharsets.ISO_8859_1);

  @FuzzTest(maxDuration = "30s")
  void evtx_neverThrows(byte[] input) {
    byte[] data = input;
    if (data.length >= MAGIC.length) {
      // Keep the magic so the fuzzer spends its time inside chunks, not on the first check.
      data = input.clone();
      System.arraycopy(MAGIC, 0, data, 0, MAGIC.length);
    }
    try {
      EvtxReader.read(
          "fuzz.evtx",
          new ByteArrayInputStream(data),
          EvtxReader.Style.WINDOWS,
          r -> r.xml().toXml(),
          p -> {});
    } catch (IOException notEvtx) {
      // too short to hold a header: reported to the caller as an unreadable file
    }
  }
}
