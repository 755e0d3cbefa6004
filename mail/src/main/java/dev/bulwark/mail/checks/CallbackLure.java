package dev.bulwark.mail.checks;

import dev.bulwark.mail.checks.MailRule.Part;
import dev.bulwark.mail.checks.MailRule.Weight;
import dev.bulwark.mail.message.MailMessage;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A charge, renewal or order the reader never made, with a telephone number to call to cancel it:
 * callback phishing, which carries no link at all and leads to a caller who asks for remote access
 * or card details. Both the billing story and the call to a number must be there.
 */
final class CallbackLure implements MailCheck {
  private static final MailRule RULE =
      new MailRule(
          "callback-lure",
          3,
          Weight.PRIMARY,
          Part.TEXT,
          "A charge or renewal the reader must call a telephone number to cancel");

  private static final Pattern BILLING =
      Pattern.compile(
          "(?iu)(?<![\\p{L}\\p{N}])("
              + "(?:auto-?)?renew(?:ed|al)|subscription|invoice|order (?:number|id|#)|receipt|"
              + "(?:has been |was |will be )(?:charged|debited|deducted)|refund|cancel(?:l?ation)?|"
              + "did(?: not|n't) (?:authori[sz]e|make|place|request)|dispute|"
              + "assinatura|fatura|reembolso|cancelamento|suscripción|factura|reembolso|cancelación|"
              + "abonnement|facture|remboursement|rechnung|erstattung|kündigung"
              + ")(?![\\p{L}\\p{N}])");

  /**
   * "call … +1 (888) 555-0123" with at most a few words between the call and the number; also the
   * "Telephone: 1.888…" line fake receipts close with.
   */
  private static final Pattern CALL_NUMBER =
      Pattern.compile(
          "(?iu)(?<![\\p{L}\\p{N}])(?:call|dial|phone|telephone|tel|contact|reach|helpline|toll[- ]free|ligue|llame|appelez|rufen sie|chiama)"
              + "(?:[^\\d\\n]{0,60}?)(\\+?\\d[\\d ().-]{8,18}\\d)");

  @Override
  public MailRule rule() {
    return RULE;
  }

  @Override
  public void check(MailMessage m, CheckContext c, Reasons out) {
    String subject = Locations.subject(m);
    String text = Locations.subjectAndText(m);
    Matcher call = CALL_NUMBER.matcher(text);
    while (call.find()) {
      String digits = call.group(1).replaceAll("\\D", "");
      if (digits.length() >= 10 && digits.length() <= 15 && BILLING.matcher(text).find()) {
        out.add(
            "a charge or renewal to cancel by calling " + call.group(1).strip(),
            Locations.where(subject, text, call.start()));
        return;
      }
    }
  }
}
