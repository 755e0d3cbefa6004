package dev.bulwark.mail.checks;

import dev.bulwark.mail.checks.MailRule.Part;
import dev.bulwark.mail.checks.MailRule.Weight;
import dev.bulwark.mail.message.Addresses;
import dev.bulwark.mail.message.MailMessage;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The DKIM signer is not the sender's domain and DMARC did not pass: mail services sign for their
 * customers all the time, so this only supports other signs.
 */
final class DkimDomainMismatch implements MailCheck {
  private static final MailRule RULE =
      new MailRule(
          "dkim-domain-mismatch",
          1,
          Weight.SUPPORTING,
          Part.AUTHENTICATION,
          "The message is DKIM-signed by another domain than the sender's, without DMARC passing");
  private static final Pattern PASSED =
      Pattern.compile("(?i)\\bdkim=pass\\b[^;]*?header\\.d=([a-z0-9.-]+)");
  private static final Pattern SIGNATURE_DOMAIN = Pattern.compile("(?i)(?:^|;)\\s*d=([a-z0-9.-]+)");

  @Override
  public MailRule rule() {
    return RULE;
  }

  @Override
  public void check(MailMessage m, CheckContext c, Reasons out) {
    String auth = c.authenticationResults();
    String signer = null;
    String where = null;
    Matcher passed = PASSED.matcher(auth == null ? "" : auth);
    if (passed.find()) {
      signer = passed.group(1);
      where = "header:Authentication-Results";
    } else if (m.header("DKIM-Signature") != null) {
      Matcher d = SIGNATURE_DOMAIN.matcher(m.header("DKIM-Signature"));
      if (d.find()) {
        signer = d.group(1);
        where = "header:DKIM-Signature";
      }
    }
    boolean dmarcPass = auth != null && auth.toLowerCase(Locale.ROOT).contains("dmarc=pass");
    String signerReg = Addresses.registrable(signer);
    String fromReg = c.fromRegistrable();
    if (fromReg != null && signerReg != null && !signerReg.equals(fromReg) && !dmarcPass) {
      out.add("the message is signed by " + signerReg + ", not by the sender's " + fromReg, where);
    }
  }
}
