package dev.bulwark.mail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.model.Finding;
import dev.bulwark.mail.message.MailMessage;
import dev.bulwark.mail.message.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Verdicts on own fixtures; every reason points at something that is in the message. */
class MailChecksTest {

  private MailMessage parse(String name) throws IOException {
    try (InputStream in = getClass().getResourceAsStream(name)) {
      return MailParser.parse(name, 0, in);
    }
  }

  @Test
  void phishIsMaliciousForReasonsThatPointIntoTheMessage() throws IOException {
    MailMessage m = parse("phish.eml");
    MailVerdict v = MailChecks.judge(m);
    assertThat(v.verdict()).isEqualTo(MailVerdict.Verdict.MALICIOUS);
    assertThat(v.reasons())
        .extracting(Reason::code)
        .contains(
            "spf-fail",
            "dmarc-fail",
            "reply-to-mismatch",
            "brand-impersonation",
            "shortened-link",
            "link-text-mismatch",
            "html-smuggling",
            "pressure-language",
            "addresses-ai-reader");
    for (Reason r : v.reasons()) {
      String loc = r.location();
      if (loc.startsWith("header:")) {
        assertThat(m.header(loc.substring(7))).as(loc).isNotNull();
      } else if (loc.startsWith("url:")) {
        assertThat(m.links())
            .as(loc)
            .anySatisfy(l -> assertThat(l.href()).startsWith(loc.substring(4).replace("…", "")));
      } else if (loc.startsWith("attachment:")) {
        assertThat(m.attachments())
            .as(loc)
            .anySatisfy(a -> assertThat(a.name()).isEqualTo(loc.substring(11)));
      } else if (loc.startsWith("body:sentence:")) {
        String sentence = loc.substring(14).replace("…", "");
        assertThat(m.visibleText().replaceAll("\\s+", " ")).as(loc).contains(sentence);
      } else {
        // the HTML body as a whole: its form, its pictures, its hidden text, its lack of a text
        // part
        assertThat(loc).startsWith("body:html");
        assertThat(m.htmlBody()).as(loc).isNotBlank();
      }
    }
    Optional<Finding> f = MailFindings.of(v);
    assertThat(f).isPresent();
    assertThat(f.get().locations()).hasSize(v.reasons().size() + 1);
    assertThat(f.get().primaryLocation().artifactPath()).contains("phish.eml");
  }

  @Test
  void textAimedAtAiReadersDoesNotLowerTheVerdict() throws IOException {
    MailMessage m = parse("phish.eml");
    MailVerdict v = MailChecks.judge(m);
    assertThat(
            v.reasons().stream()
                .filter(r -> r.code().equals("addresses-ai-reader"))
                .findFirst()
                .orElseThrow()
                .points())
        .isPositive();
  }

  @Test
  void cleanMessageGivesNoFinding() throws IOException {
    MailVerdict v = MailChecks.judge(parse("clean.eml"));
    assertThat(v.verdict()).isEqualTo(MailVerdict.Verdict.CLEAN);
    assertThat(MailFindings.of(v)).isEmpty();
  }

  @Test
  void malformedMimeIsReadWithoutFailing() throws IOException {
    MailMessage m = parse("malformed.eml");
    assertThat(m.textBody()).contains("unterminated part");
    assertThat(MailChecks.judge(m).verdict()).isNotNull();
  }
}
