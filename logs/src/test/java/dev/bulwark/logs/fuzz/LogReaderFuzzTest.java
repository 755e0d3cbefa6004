package dev.bulwark.logs.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bulwark.logs.event.LogReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * Fuzz target for the text readers (JSON, syslog, CSV, sniffing, gzip and zip wrappers): any bytes
 * end in events or diagnostics. The corpus is in {@code LogReaderFuzzTestInputs/}.
 */
class LogReaderFuzzTest {
  @FuzzTest(maxDuration = "30s")
  void logs_neverThrow(byte[] input) throws IOException {
    for (String name : new String[] {"fuzz.log", "fuzz.csv"}) {
      LogReader reader = new LogReader(LogReader.Options.defaults(), d -> {});
      try {
        reader.read(name, new ByteArrayInputStream(input), e -> e.toMap());
      } catch (IOException unreadable) {
        // a damaged gzip or zip stream: the caller reports the file as unreadable
      }
    }
  }
}
