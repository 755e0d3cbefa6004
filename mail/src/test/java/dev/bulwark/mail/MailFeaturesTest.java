package dev.bulwark.mail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.mail.message.MailMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The sender and style features the learned model reads beside the checks. */
class MailFeaturesTest {
  private static final int EMBEDDING = 4;

  private static double[] style(String raw) throws IOException {
    MailMessage m =
        MailParser.parse(
            "t.eml", 0, new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
    double[] row = MailFeatures.row(MailChecks.judge(m), new float[EMBEDDING]);
    // the seven sender-and-style features sit just before the embedding
    double[] s = new double[7];
    System.arraycopy(row, row.length - EMBEDDING - 7, s, 0, 7);
    return s;
  }

  @Test
  void readsPictographsHiddenHtmlUnsubscribeLinesAndThrowawaySenders() throws IOException {
    double[] promo =
        style(
            "From: \"Rewards\" <JiUQpKEBH@promo.example,com>\r\nSubject: You won \uD83C\uDF81\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
                + "<html><body><p>Claim your prize \uD83D\uDD27</p>"
                + "<div style=\"display:none\">filler words</div>"
                + "<span style='font-size:0px'>more</span>"
                + "<p>To unsubscribe click here</p></body></html>\r\n");
    assertThat(promo[0]).as("has pictographs").isEqualTo(1);
    assertThat(promo[1]).as("pictographs").isEqualTo(Math.log1p(2));
    assertThat(promo[2]).as("hidden html").isEqualTo(Math.log1p(2));
    assertThat(promo[3]).as("unsubscribe").isEqualTo(1);
    assertThat(promo[4]).as("malformed domain").isEqualTo(1);
    assertThat(promo[5]).as("mixed-case local part").isEqualTo(1);

    double[] note =
        style(
            "From: Ana Souza <ana.souza@example.org>\r\nSubject: Lunch\r\n\r\n"
                + "Shall we meet at noon?\r\n");
    assertThat(note).containsOnly(0.0);
    double[] digits = style("From: <x8812934@example.net>\r\nSubject: hi\r\n\r\nhello\r\n");
    assertThat(digits[6]).isCloseTo(7.0 / 8, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void theDocumentHoldsSenderSubjectTextAndLinkTargets() throws IOException {
    MailMessage m =
        MailParser.parse(
            "t.eml",
            0,
            new ByteArrayInputStream(
                ("From: IT Desk <it@corp.example>\r\nSubject: Password expiry\r\n"
                        + "Content-Type: text/html\r\n\r\n"
                        + "<a href=\"https://login.example.net/reset\">Keep my password</a>\r\n")
                    .getBytes(StandardCharsets.UTF_8)));
    assertThat(MailFeatures.document(m))
        .contains("it@corp.example")
        .contains("Password expiry")
        .contains("Keep my password")
        .contains("https://login.example.net/reset");
  }
}
