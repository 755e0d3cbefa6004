package dev.bulwark.mail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.mail.message.Reason;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LanguageCuesTest {
  private static MailVerdict judge(String subject, String body) throws IOException {
    String raw =
        "From: Jane <jane.ceo.office@gmail.com>\r\nSubject: " + subject + "\r\n\r\n" + body;
    return MailChecks.judge(
        MailParser.parse(
            "t.eml", 0, new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8))));
  }

  @Test
  void giftCardsPaymentChangesAndCredentialRequestsAreEachNamed() throws IOException {
    MailVerdict gift =
        judge(
            "Quick favour",
            "I need five Google Play cards for a client today. Scratch the back and send me the"
                + " codes. This is urgent.");
    assertThat(gift.reasons())
        .filteredOn(r -> r.code().equals("gift-card-request"))
        .singleElement()
        .satisfies(r -> {
          assertThat(r.description()).contains("google play cards").contains("scratch the back");
          assertThat(r.location())
              .isEqualTo("body:sentence:I need five Google Play cards for a client today.");
        });
    assertThat(gift.verdict()).isNotEqualTo(MailVerdict.Verdict.CLEAN);

    MailVerdict payroll =
        judge(
            "New bank details",
            "Please note our bank details have changed; pay the overdue invoice"
                + " to the new account below.");
    assertThat(payroll.reasons())
        .filteredOn(r -> r.code().equals("payment-change"))
        .singleElement()
        .satisfies(r -> assertThat(r.description()).contains("bank details have changed"));

    MailVerdict creds =
        judge("Mailbox full", "Sign in to keep your messages and confirm your password.");
    assertThat(creds.reasons().stream().map(Reason::code)).contains("credential-request");

    MailVerdict plain = judge("Lunch", "Shall we have lunch on Friday?");
    assertThat(plain.reasons()).isEmpty();
  }
}
