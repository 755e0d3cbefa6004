package dev.bulwark.mail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.mail.message.MailMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MailboxesTest {
  private static final Path FIXTURES = Path.of("src/test/resources/dev/bulwark/mail");

  private record Seen(List<MailMessage> messages, List<String> problems) {}

  private static Seen read(byte[] data, boolean mbox) throws Exception {
    Seen seen = new Seen(new ArrayList<>(), new ArrayList<>());
    Mailboxes.read(
        new ByteArrayInputStream(data),
        "inbox.mbox",
        mbox,
        new Mailboxes.Visitor() {
          @Override
          public void message(MailMessage m) {
            seen.messages().add(m);
          }

          @Override
          public void problem(String source, int index, String problem) {
            seen.problems().add(index + ": " + problem);
          }
        });
    return seen;
  }

  @Test
  void anMboxYieldsEachMessage_withItsIndex_andEscapedFromLinesRestored() throws Exception {
    String clean = Files.readString(FIXTURES.resolve("clean.eml"));
    String phish = Files.readString(FIXTURES.resolve("phish.eml"));
    String mbox =
        "From alice@example.org Mon Nov 23 10:00:00 2026\n"
            + clean
            + "\n"
            + "From mallory@example.net Mon Nov 23 10:05:00 2026\n"
            + phish
            + "\n"
            + "From bob@example.org Mon Nov 23 10:10:00 2026\n"
            + "From: bob@example.org\nSubject: quoting\n\n>From the minutes: nothing new.\nFrom here on it is body text.\n";
    Seen seen = read(mbox.getBytes(StandardCharsets.UTF_8), true);
    assertThat(seen.problems()).isEmpty();
    assertThat(seen.messages()).extracting(MailMessage::index).containsExactly(0, 1, 2);
    assertThat(seen.messages().get(1).header("Subject")).contains("suspended");
    assertThat(seen.messages().get(2).visibleText())
        .contains("From the minutes")
        .doesNotContain(">From")
        .contains("From here on");
    assertThat(MailChecks.judge(seen.messages().get(1)).verdict())
        .isEqualTo(MailVerdict.Verdict.MALICIOUS);
    assertThat(MailChecks.judge(seen.messages().get(0)).verdict())
        .isEqualTo(MailVerdict.Verdict.CLEAN);
  }

  @Test
  void aFileWithoutFromLines_isReportedNotGuessed() throws Exception {
    Seen seen = read("Subject: hello\n\nbody\n".getBytes(StandardCharsets.UTF_8), true);
    assertThat(seen.messages()).isEmpty();
    assertThat(seen.problems()).singleElement().asString().contains("not an mbox");
  }

  @Test
  void anEmlIsOneMessage() throws Exception {
    Seen seen = read(Files.readAllBytes(FIXTURES.resolve("clean.eml")), false);
    assertThat(seen.messages()).hasSize(1);
  }
}
