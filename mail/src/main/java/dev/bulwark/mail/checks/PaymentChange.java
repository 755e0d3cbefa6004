package dev.bulwark.mail.checks;

import dev.bulwark.mail.checks.MailRule.Part;
import dev.bulwark.mail.checks.MailRule.Weight;
import java.util.regex.Pattern;

/**
 * The text changes where money goes (invoice and payroll fraud): up to three distinct phrases
 * quoted.
 */
final class PaymentChange extends LanguageCue {
  private static final Pattern PHRASES =
      Pattern.compile(
          "(?i)\\b(bank (?:details|account) (?:have|has) changed|new bank (?:details|account)|change (?:of|to) (?:our )?bank|"
              + "updated? (?:our |my )?(?:banking|payment|remittance) (?:details|information|instructions)|"
              + "wire transfer|direct deposit (?:change|update)|update your (?:payment|billing)|overdue invoice|"
              + "(?:nova|novos) dados banc[aá]rios|nueva cuenta bancaria)\\b");

  PaymentChange() {
    super(
        new MailRule(
            "payment-change",
            3,
            Weight.PRIMARY,
            Part.TEXT,
            "The text changes where money goes (invoice and payroll fraud)"),
        PHRASES,
        "the text changes where money goes");
  }
}
