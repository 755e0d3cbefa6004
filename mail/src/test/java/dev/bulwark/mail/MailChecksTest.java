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

  private static MailMessage message(String text) throws IOException {
    return MailParser.parse(
        "built.eml",
        0,
        new java.io.ByteArrayInputStream(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  private static String html(String links) {
    return "From: \"Ann Lee\" <ann@example.org>\r\n"
        + "To: bob@example.net\r\n"
        + "Subject: Photos\r\n"
        + "MIME-Version: 1.0\r\n"
        + "Content-Type: text/html; charset=utf-8\r\n\r\n"
        + "<html><body><p>The photos of Saturday are online.</p>"
        + links
        + "</body></html>\r\n";
  }

  @Test
  void threeStrongSupportingSigns_countTogether_twoDoNot() throws IOException {
    // a brand's name in a foreign host, a free site-building page, a scam-ridden top-level
    // domain: each supporting, no primary sign at all
    String brandHost = "<a href=\"https://paypal-photos.example-gallery.com/a\">album</a>";
    String hosted = "<a href=\"https://annsphotos.weebly.com/b\">more</a>";
    String tld = "<a href=\"https://photos-saturday.top/c\">the rest</a>";
    MailVerdict three = MailChecks.judge(message(html(brandHost + hosted + tld)));
    assertThat(three.reasons())
        .extracting(Reason::code)
        .contains("brand-in-foreign-host", "hosted-page-link", "abused-tld-link");
    assertThat(three.verdict()).isNotEqualTo(MailVerdict.Verdict.CLEAN);

    MailVerdict two = MailChecks.judge(message(html(brandHost + hosted)));
    assertThat(two.reasons())
        .extracting(Reason::code)
        .contains("brand-in-foreign-host", "hosted-page-link")
        .doesNotContain("abused-tld-link");
    assertThat(two.verdict()).isEqualTo(MailVerdict.Verdict.CLEAN);
    assertThat(two.score()).isZero();
  }

  @Test
  void anIpLinkAlone_isNoVerdict_besideALure_itCounts() throws IOException {
    String ip = "<a href=\"http://203.0.113.7/photos\">photos</a>";
    MailVerdict alone = MailChecks.judge(message(html(ip)));
    assertThat(alone.reasons()).extracting(Reason::code).contains("ip-link");
    assertThat(alone.verdict()).isEqualTo(MailVerdict.Verdict.CLEAN);

    MailVerdict lure =
        MailChecks.judge(
            message(
                html(ip)
                    .replace(
                        "The photos of Saturday are online.",
                        "Your account has been suspended. Verify your password within 24 hours"
                            + " or your account will be closed.")));
    assertThat(lure.reasons()).extracting(Reason::code).contains("ip-link");
    int primary =
        lure.reasons().stream()
            .filter(r -> !r.code().equals("ip-link"))
            .mapToInt(Reason::points)
            .sum();
    assertThat(lure.score()).isGreaterThan(primary);
    assertThat(lure.verdict()).isNotEqualTo(MailVerdict.Verdict.CLEAN);
  }
}
