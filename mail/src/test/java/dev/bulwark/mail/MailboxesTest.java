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

  /**
   * Serves {@code head}, then {@code n} copies of one byte, then {@code tail}, never held whole.
   */
  private static java.io.InputStream generated(String head, int n, char fill, String tail) {
    return new java.io.SequenceInputStream(
        new java.io.SequenceInputStream(
            new ByteArrayInputStream(head.getBytes(StandardCharsets.US_ASCII)),
            new java.io.InputStream() {
              int left = n;

              @Override
              public int read() {
                return left-- > 0 ? fill : -1;
              }

              @Override
              public int read(byte[] b, int off, int len) {
                if (left <= 0) {
                  return -1;
                }
                int k = Math.min(len, left);
                java.util.Arrays.fill(b, off, off + k, (byte) fill);
                left -= k;
                return k;
              }
            }),
        new ByteArrayInputStream(tail.getBytes(StandardCharsets.US_ASCII)));
  }

  @Test
  void aLineOfTensOfMegabytes_streamsThrough_andTheNextMessageIsRead() throws Exception {
    List<MailMessage> messages = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    Mailboxes.read(
        generated(
            "From a@example.org Mon Nov 23 10:00:00 2026\nFrom: a@example.org\nSubject: long\n\n",
            48 << 20,
            'x',
            "\n\nFrom b@example.org Mon Nov 23 10:01:00 2026\nFrom: b@example.org\n"
                + "Subject: after\n\nsee https://example.org/after\n"),
        "big.mbox",
        true,
        new Mailboxes.Visitor() {
          @Override
          public void message(MailMessage m) {
            messages.add(m);
          }

          @Override
          public void problem(String source, int index, String problem) {
            problems.add(index + ": " + problem);
          }
        });
    assertThat(messages).extracting(m -> m.header("Subject")).containsExactly("long", "after");
    assertThat(messages.get(0).textBody()).hasSizeLessThanOrEqualTo((1 << 20) + 1);
    assertThat(messages.get(1).links())
        .extracting(MailMessage.Link::href)
        .containsExactly("https://example.org/after");
    assertThat(problems).containsExactly("0: text part longer than 1 MiB; the rest was not read");
  }

  @Test
  void aMessageOverTheByteBudget_isCut_andTheRestOfTheMailboxRead() throws Exception {
    List<String> subjects = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    Mailboxes.read(
        generated(
            "From a@example.org Mon Nov 23 10:00:00 2026\nFrom: a@example.org\nSubject: huge\n\n",
            Mailboxes.MAX_MESSAGE + (1 << 20),
            '\n',
            "From b@example.org Mon Nov 23 10:01:00 2026\nFrom: b@example.org\nSubject: next\n\nhi\n"),
        "big.mbox",
        true,
        new Mailboxes.Visitor() {
          @Override
          public void message(MailMessage m) {
            subjects.add(m.header("Subject"));
          }

          @Override
          public void problem(String source, int index, String problem) {
            problems.add(index + ": " + problem);
          }
        });
    assertThat(subjects).containsExactly("huge", "next");
    assertThat(problems).contains("0: message over 64 MiB; the rest was skipped");
  }
}
