package dev.bulwark.mail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.mail.message.Addresses;
import dev.bulwark.mail.message.Lookalikes;
import dev.bulwark.mail.message.MailMessage;
import dev.bulwark.mail.message.MailSettings;
import dev.bulwark.mail.message.Reason;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Checks that use what the organisation configured, and look-alike domains. */
class OrganisationChecksTest {
  private static final MailSettings CORP =
      new MailSettings(
          List.of("mx.corp.example"),
          List.of("corp.example"),
          List.of("Jane Doe"),
          List.of("corp-payroll.example"));

  private static MailMessage mail(String headers, String body) throws IOException {
    String raw = headers.replace("\n", "\r\n") + "\r\n" + body + "\r\n";
    return MailParser.parse(
        "t.eml", 0, new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
  }

  private static List<String> codes(MailVerdict v) {
    return v.reasons().stream().map(Reason::code).toList();
  }

  @Test
  void onlyTheReceivingServersAuthenticationResultsAreBelieved() throws IOException {
    // the sender planted a "pass" below the receiving server's verdict, and another above none
    MailMessage m =
        mail(
            "Authentication-Results: mx.corp.example; spf=fail smtp.mailfrom=evil.example;"
                + " dmarc=fail header.from=evil.example\n"
                + "Authentication-Results: evil.example; spf=pass; dkim=pass; dmarc=pass\n"
                + "From: Billing <billing@evil.example>\nSubject: Invoice\n",
            "Please see the invoice.");
    assertThat(codes(MailChecks.judge(m, CORP))).contains("spf-fail", "dmarc-fail");

    MailMessage forged =
        mail(
            "Authentication-Results: evil.example; spf=fail; dmarc=fail\n"
                + "From: Billing <billing@evil.example>\nSubject: Invoice\n",
            "Please see the invoice.");
    // nothing from the organisation's own servers: nothing to believe either way
    assertThat(codes(MailChecks.judge(forged, CORP))).doesNotContain("spf-fail", "dmarc-fail");
    // without configuration the topmost header is read
    assertThat(codes(MailChecks.judge(forged))).contains("spf-fail", "dmarc-fail");
  }

  @Test
  void anExecutivesNameFromOutsideIsImpersonation_fromInsideItIsNot() throws IOException {
    MailMessage outside =
        mail(
            "From: \"Jane  Doe\" <jane.doe.ceo@gmail.com>\nSubject: Quick favour\n",
            "Are you at your desk?");
    MailVerdict v = MailChecks.judge(outside, CORP);
    assertThat(codes(v)).contains("executive-impersonation");
    assertThat(v.reasons().stream().filter(r -> r.code().equals("executive-impersonation")))
        .allSatisfy(r -> assertThat(r.location()).isEqualTo("header:From"));
    MailMessage inside =
        mail("From: Jane Doe <jane@corp.example>\nSubject: Board pack\n", "Attached.");
    assertThat(codes(MailChecks.judge(inside, CORP))).doesNotContain("executive-impersonation");
  }

  @Test
  void lookAlikeSendersAndLinksAreNamedWithWhatTheyImitate() throws IOException {
    MailMessage typo =
        mail(
            "From: Payroll <hr@corp-payrol.example>\nSubject: Payslip\n"
                + "Content-Type: text/html\n",
            "<a href=\"https://www.paypa1.com/signin\">Sign in</a>"
                + " <a href=\"https://xn--pypal-4ve.com/\">PayPal</a>");
    MailVerdict v = MailChecks.judge(typo, CORP);
    assertThat(v.reasons())
        .filteredOn(r -> r.code().equals("lookalike-domain"))
        .singleElement()
        .satisfies(r -> assertThat(r.description()).contains("corp-payroll.example"));
    assertThat(v.reasons())
        .filteredOn(r -> r.code().equals("lookalike-link"))
        .extracting(Reason::description)
        .anySatisfy(d -> assertThat(d).contains("paypa1.com").contains("paypal.com"))
        // a Cyrillic "а" in pаypal: the same skeleton as paypal.com
        .anySatisfy(d -> assertThat(d).contains("xn--pypal-4ve.com").contains("look like"));
    // the real domains are not look-alikes of themselves, and short names are left alone
    MailMessage real =
        mail(
            "From: PayPal <service@paypal.com>\nSubject: Receipt\nContent-Type: text/html\n",
            "<a href=\"https://www.paypal.com/\">PayPal</a> <a href=\"https://ubs.com/\">UBS</a>");
    assertThat(codes(MailChecks.judge(real, CORP)))
        .doesNotContain("lookalike-domain", "lookalike-link");
    // the organisation's name under another ending is flagged; a brand's plain word is not
    MailMessage endings =
        mail(
            "From: IT <it@corp-payroll.net>\nSubject: Notes\nContent-Type: text/html\n",
            "<a href=\"https://slack.net/\">slack.net</a>");
    MailVerdict e = MailChecks.judge(endings, CORP);
    assertThat(codes(e)).contains("lookalike-domain").doesNotContain("lookalike-link");
  }

  @Test
  void registrableDomainsFollowThePublicSuffixList() {
    assertThat(Addresses.registrable("login.secure.example.co.uk")).isEqualTo("example.co.uk");
    assertThat(Addresses.registrable("a.b.example.com.br")).isEqualTo("example.com.br");
    // each github.io site has its own owner
    assertThat(Addresses.registrable("evil.github.io")).isEqualTo("evil.github.io");
    assertThat(Addresses.registrable("192.0.2.7")).isEqualTo("192.0.2.7");
    assertThat(Lookalikes.distance("paypal", "paypla")).isEqualTo(1);
    assertThat(Lookalikes.distance("microsoft", "micosoft")).isEqualTo(1);
  }

  @Test
  void aSignatureFromAnotherDomainIsNoted_unlessDmarcAlignedIt() throws IOException {
    MailMessage other =
        mail(
            "DKIM-Signature: v=1; a=rsa-sha256; d=bulk-mailer.example; s=s1; bh=x; b=y\n"
                + "From: Payroll <payroll@corp-payroll.example>\nSubject: Payslip\n",
            "Your payslip is ready.");
    assertThat(MailChecks.judge(other, CORP).reasons())
        .filteredOn(r -> r.code().equals("dkim-domain-mismatch"))
        .singleElement()
        .satisfies(r -> assertThat(r.location()).isEqualTo("header:DKIM-Signature"));
    MailMessage aligned =
        mail(
            "Authentication-Results: mx.corp.example; dkim=pass header.d=bulk-mailer.example;"
                + " dmarc=pass header.from=corp-payroll.example\n"
                + "From: Payroll <payroll@corp-payroll.example>\nSubject: Payslip\n",
            "Your payslip is ready.");
    assertThat(codes(MailChecks.judge(aligned, CORP))).doesNotContain("dkim-domain-mismatch");
  }
}
