package dev.bulwark.mail.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bulwark.mail.MailChecks;
import dev.bulwark.mail.MailParser;
import dev.bulwark.mail.Mailboxes;
import dev.bulwark.mail.OutlookMsg;
import dev.bulwark.mail.message.Inspection;
import dev.bulwark.mail.message.MailMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * Fuzz targets for the MIME parser, mailbox splitting, attachment inspection and the checks; corpus
 * in {@code MailFuzzTestInputs/}.
 */
class MailFuzzTest {
  @FuzzTest(maxDuration = "30s")
  void parse_neverThrows(byte[] input) {
    try {
      MailChecks.judge(MailParser.parse("fuzz.eml", 0, new ByteArrayInputStream(input)));
    } catch (IOException unreadable) {
      // reported by callers as an unreadable message
    }
  }

  /** Mailbox splitting never throws for a message it cannot read: it reports it and goes on. */
  @FuzzTest(maxDuration = "30s")
  void mbox_reportsInsteadOfThrowing(byte[] input) throws IOException {
    Mailboxes.read(
        new ByteArrayInputStream(input),
        "fuzz.mbox",
        true,
        new Mailboxes.Visitor() {
          @Override
          public void message(MailMessage m) {
            MailChecks.judge(m);
          }

          @Override
          public void problem(String source, int index, String problem) {
            // reported, as callers do
          }
        });
  }

  /**
   * Reading an attachment's bytes — ZIP directories, OLE files — never throws, whatever they are.
   */
  @FuzzTest(maxDuration = "30s")
  void attachment_inspectionNeverThrows(byte[] input) throws IOException {
    Inspection.of(new ByteArrayInputStream(input), 1 << 20);
  }

  /**
   * An Outlook message, however broken its compound file, is either read or refused with an
   * IOException; anything else the OLE reader throws is reported by callers the same way.
   */
  @FuzzTest(maxDuration = "30s")
  void msg_readOrRefused(byte[] input) {
    try {
      byte[] mime = OutlookMsg.toMime(new ByteArrayInputStream(input));
      MailChecks.judge(MailParser.parse("fuzz.msg", 0, new ByteArrayInputStream(mime)));
    } catch (IOException | RuntimeException refused) {
      // reported as an unreadable Outlook message
    }
  }
}
