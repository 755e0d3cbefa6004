package dev.bulwark.mail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.mail.message.MailSettings;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class IndicatorsTest {
  @Test
  void theRealBrandsAndTheOrganisationAreNotIndicators_andPatternsAreEscaped() throws IOException {
    String raw =
        "From: \"PayPal\" <service@paypa1-billing.example>\r\nSubject: Locked\r\n"
            + "Content-Type: text/html\r\n\r\n"
            + "<a href=\"https://evil.example/it's?q=a\\b\">Unlock</a>"
            + " <a href=\"https://www.paypal.com/privacy\">Privacy</a>"
            + " <a href=\"https://intranet.corp.example/\">Intranet</a>\r\n";
    MailVerdict v =
        MailChecks.judge(
            MailParser.parse(
                "t.eml", 0, new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8))));
    MailSettings corp = new MailSettings(List.of(), List.of("corp.example"), List.of(), List.of());
    Indicators i = Indicators.of(v, corp);
    assertThat(i.hosts()).containsExactly("evil.example");
    assertThat(i.emails()).containsExactly("service@paypa1-billing.example");
    assertThat(Indicators.quote("https://evil.example/it's?q=a\\b"))
        .isEqualTo("https://evil.example/it\\'s?q=a\\\\b");
  }
}
