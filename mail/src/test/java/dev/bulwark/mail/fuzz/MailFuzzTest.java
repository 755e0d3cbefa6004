package dev.bulwark.mail.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bulwark.mail.MailChecks;
import dev.bulwark.mail.MailParser;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/** Fuzz target for the MIME parser and the checks; corpus in {@code MailFuzzTestInputs/}. */
class MailFuzzTest {
  @FuzzTest(maxDuration = "30s")
  void parse_neverThrows(byte[] input) {
    try {
      MailChecks.judge(MailParser.parse("fuzz.eml", 0, new ByteArrayInputStream(input)));
    } catch (IOException unreadable) {
      // reported by callers as an unreadable message
    }
  }
}
