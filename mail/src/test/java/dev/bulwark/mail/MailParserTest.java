package dev.bulwark.mail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.mail.message.MailMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MailParserTest {

  @Test
  void aLinkInBothAlternatives_countsOnce_whileTextOnlyLinksStay() throws Exception {
    String eml =
        """
        From: Billing <billing@pay.example>
        To: ana@corp.example
        Subject: Invoice
        MIME-Version: 1.0
        Content-Type: multipart/alternative; boundary="b1"

        --b1
        Content-Type: text/plain; charset=utf-8

        Pay here: https://pay.example/invoice/42
        Help: https://help.example/faq

        --b1
        Content-Type: text/html; charset=utf-8

        <p>Pay <a href="https://pay.example/invoice/42">here</a></p>
        --b1--
        """
            .replace("\n", "\r\n");
    MailMessage m =
        MailParser.parse(
            "invoice.eml", 0, new ByteArrayInputStream(eml.getBytes(StandardCharsets.UTF_8)));
    assertThat(m.links())
        .extracting(MailMessage.Link::href)
        .containsExactly("https://pay.example/invoice/42", "https://help.example/faq");
  }
}
