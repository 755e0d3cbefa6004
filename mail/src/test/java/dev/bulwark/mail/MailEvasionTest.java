package dev.bulwark.mail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.mail.message.MailMessage;
import dev.bulwark.mail.message.Reason;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A message's shape must not hide it: parts nested past what mail needs, one huge header or
 * thousands of headers are judged as evasive structure, and the content is judged all the same —
 * never "clean 0" because a reader stopped early, never "unreadable".
 */
class MailEvasionTest {
  /** Neutral top-level headers: every phishing sign is in the nested content. */
  private static final String TOP =
      """
      From: "Accounts" <accounts@northwind-mail.example>
      To: jane@corp.example
      Subject: Your statement
      MIME-Version: 1.0
      """;

  /** The phishing content: a link that shows one address and goes to another, pressure, a form. */
  private static final String PHISH =
      """
      Content-Type: multipart/mixed; boundary="inner"

      --inner
      Content-Type: text/html; charset=utf-8

      <html><body><p>We noticed unusual activity. Verify your account within 24 hours or it will\
       be closed.</p>
      <p><a href="https://bit.ly/3xYzAbc">https://www.paypal.com/signin</a></p>
      <p>Confirm your password and card number on the secure page.</p></body></html>
      --inner
      Content-Type: text/html; name="invoice.html"
      Content-Disposition: attachment; filename="invoice.html"

      <html><script>var d=atob("TVqQAAMAAAAEAAAA");var b=new Blob([d]);</script></html>
      --inner--
      """;

  /** The phishing content with {@code wrappers} multipart containers around it. */
  static String nested(int wrappers) {
    StringBuilder open = new StringBuilder();
    StringBuilder close = new StringBuilder();
    for (int i = 0; i < wrappers; i++) {
      // "w1z" is no prefix of "w10z": each boundary ends only its own level
      open.append("Content-Type: multipart/mixed; boundary=\"w")
          .append(i)
          .append("z\"\n\n--w")
          .append(i)
          .append("z\n");
      close.insert(0, "--w" + i + "z--\n");
    }
    return TOP + open + PHISH + close;
  }

  private record Read(List<MailMessage> messages, List<String> problems) {}

  private static Read read(InputStream in) throws IOException {
    Read r = new Read(new ArrayList<>(), new ArrayList<>());
    Mailboxes.read(
        in,
        "evasion.eml",
        false,
        new Mailboxes.Visitor() {
          @Override
          public void message(MailMessage m) {
            r.messages().add(m);
          }

          @Override
          public void problem(String source, int index, String problem) {
            r.problems().add(problem);
          }
        });
    return r;
  }

  private static Read read(String eml) throws IOException {
    return read(
        new ByteArrayInputStream(eml.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8)));
  }

  private static List<String> codes(MailVerdict v) {
    return v.reasons().stream().map(Reason::code).toList();
  }

  @Test
  void thePhishingContent_aloneIsMalicious() throws Exception {
    MailVerdict v = MailChecks.judge(read(nested(0)).messages().get(0));
    assertThat(v.verdict()).isEqualTo(MailVerdict.Verdict.MALICIOUS);
    assertThat(codes(v)).doesNotContain("evasive-structure");
  }

  /** Depth: how many levels down the phishing parts lie (the message itself is level 0). */
  @ParameterizedTest
  @ValueSource(ints = {11, 12, 13, 50, 100, 101, 4_500})
  void theSamePhishingMessage_isMaliciousAtEveryDepth(int depth) throws Exception {
    Read r = read(nested(depth - 1));
    assertThat(r.messages()).hasSize(1);
    MailVerdict v = MailChecks.judge(r.messages().get(0));
    assertThat(v.verdict())
        .as("score %d: %s", v.score(), v.reasons())
        .isEqualTo(MailVerdict.Verdict.MALICIOUS);
    // the content is judged however deep it lies; below level 100 it is read as text, so the
    // attachment there is not decoded (and the report says so)
    assertThat(codes(v)).contains("shortened-link");
    if (depth <= 100) {
      assertThat(codes(v)).contains("html-smuggling");
      assertThat(r.problems()).isEmpty();
    } else {
      assertThat(r.problems())
          .singleElement()
          .asString()
          .contains("below level 100 were read as plain text");
    }
    if (depth > 12) {
      assertThat(codes(v)).contains("evasive-structure");
      assertThat(v.reasons().stream().filter(x -> x.code().equals("evasive-structure")))
          .singleElement()
          .satisfies(x -> assertThat(x.description()).contains("nested " + depth + " levels deep"));
    } else {
      assertThat(codes(v)).doesNotContain("evasive-structure");
    }
  }

  @Test
  void deepNestingAlone_isSuspicious_notClean() throws Exception {
    String benign =
        nested(20)
            .replace(PHISH, "Content-Type: text/plain; charset=utf-8\n\nSee you on Friday.\n");
    MailVerdict v = MailChecks.judge(read(benign).messages().get(0));
    assertThat(v.verdict()).isEqualTo(MailVerdict.Verdict.SUSPICIOUS);
    assertThat(codes(v)).containsExactly("evasive-structure");
  }

  @Test
  void oneHeaderOf200KB_isJudged_withTheCutReported() throws Exception {
    String eml = "X-Pad: " + "a".repeat(200_000) + "\n" + nested(0);
    Read r = read(eml);
    assertThat(r.messages()).as("problems: %s", r.problems()).hasSize(1);
    MailMessage m = r.messages().get(0);
    assertThat(m.header("X-Pad")).hasSizeLessThanOrEqualTo(64 << 10);
    assertThat(m.header("From")).contains("accounts@northwind-mail.example");
    MailVerdict v = MailChecks.judge(m);
    assertThat(v.verdict()).isEqualTo(MailVerdict.Verdict.MALICIOUS);
    assertThat(v.reasons())
        .filteredOn(x -> x.code().equals("evasive-structure"))
        .singleElement()
        .satisfies(x -> {
          assertThat(x.description()).contains("X-Pad").contains("200,007 bytes");
          assertThat(x.location()).isEqualTo("header:X-Pad");
        });
    assertThat(r.problems())
        .singleElement()
        .asString()
        .contains("X-Pad")
        .contains("200,007 bytes")
        .contains("not inspected");
  }

  @Test
  void fiveThousandHeaders_areJudged_extraSkippedCountedAndReported() throws Exception {
    StringBuilder junk = new StringBuilder();
    for (int i = 0; i < 5_000; i++) {
      junk.append("X-Junk-").append(i).append(": filler\n");
    }
    // the headers that say who sent it come last, after the junk meant to push them out
    String eml = junk + nested(0);
    Read r = read(eml);
    assertThat(r.messages()).as("problems: %s", r.problems()).hasSize(1);
    MailMessage m = r.messages().get(0);
    assertThat(m.headers()).hasSizeLessThanOrEqualTo(1_000 + 20);
    assertThat(m.header("From")).contains("accounts@northwind-mail.example");
    assertThat(m.header("Subject")).isEqualTo("Your statement");
    MailVerdict v = MailChecks.judge(m);
    assertThat(v.verdict()).isEqualTo(MailVerdict.Verdict.MALICIOUS);
    assertThat(v.reasons())
        .filteredOn(x -> x.code().equals("evasive-structure"))
        .singleElement()
        .satisfies(x -> assertThat(x.description()).contains("5,005 header fields"));
    assertThat(r.problems())
        .singleElement()
        .asString()
        .contains("4,000 header fields")
        .contains("not inspected");
  }

  @Test
  void tooManyHeadersInANestedPart_areJudgedToo() throws Exception {
    StringBuilder junk = new StringBuilder();
    for (int i = 0; i < 3_000; i++) {
      junk.append("X-Junk-").append(i).append(": filler\n");
    }
    String eml =
        nested(2)
            .replace(
                "--inner\nContent-Type: text/html; charset=utf-8\n",
                "--inner\nX-Big: "
                    + "b".repeat(150_000)
                    + "\n"
                    + junk
                    + "Content-Type: text/html; charset=utf-8\n");
    Read r = read(eml);
    assertThat(r.messages()).as("problems: %s", r.problems()).hasSize(1);
    MailVerdict v = MailChecks.judge(r.messages().get(0));
    assertThat(v.verdict()).isEqualTo(MailVerdict.Verdict.MALICIOUS);
    assertThat(codes(v)).contains("evasive-structure", "shortened-link");
    assertThat(r.problems()).hasSize(2);
  }

  @Test
  void anOrdinaryMessage_hasNoStructureReason_andNoProblems() throws Exception {
    Read r =
        read(
            Files.readString(
                Path.of("src/test/resources/dev/bulwark/mail/clean.eml"), StandardCharsets.UTF_8));
    assertThat(r.problems()).isEmpty();
    assertThat(codes(MailChecks.judge(r.messages().get(0)))).doesNotContain("evasive-structure");
  }

  /**
   * A header of 256 MiB streamed (never held as a whole, here or in the reader) is judged in a Java
   * heap of 48 MiB: the reader keeps the first 64 KiB of a header and counts the rest.
   */
  @Test
  void aHeaderOf256MiB_isJudgedInA48MiBHeap(@TempDir Path tmp) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(
                java,
                "-Xmx48m",
                "-cp",
                System.getProperty("java.class.path"),
                HugeHeader.class.getName())
            .redirectErrorStream(true)
            .redirectOutput(tmp.resolve("out.txt").toFile())
            .start();
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
    String out = Files.readString(tmp.resolve("out.txt"));
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(out).contains("MALICIOUS").contains("evasive-structure").contains("X-Pad");
  }

  /** The child process of the heap test: streams the message, prints the verdict. */
  static final class HugeHeader {
    public static void main(String[] args) throws Exception {
      long size = 256L << 20;
      InputStream pad =
          new InputStream() {
            long left = size;

            @Override
            public int read() {
              return left-- > 0 ? 'a' : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
              if (left <= 0) {
                return -1;
              }
              int n = (int) Math.min(len, left);
              java.util.Arrays.fill(b, off, off + n, (byte) 'a');
              left -= n;
              return n;
            }
          };
      InputStream in =
          new SequenceInputStream(
              new SequenceInputStream(
                  new ByteArrayInputStream("X-Pad: ".getBytes(StandardCharsets.US_ASCII)), pad),
              new ByteArrayInputStream(
                  ("\r\n" + nested(0).replace("\n", "\r\n")).getBytes(StandardCharsets.UTF_8)));
      Read r = read(in);
      MailVerdict v = MailChecks.judge(r.messages().get(0));
      System.out.println(v.verdict() + " " + codes(v) + " " + r.problems());
    }
  }
}
