package dev.bulwark.mail.checks;

import dev.bulwark.mail.checks.MailRule.Part;
import dev.bulwark.mail.checks.MailRule.Weight;
import java.util.regex.Pattern;

/**
 * The text dangles money: a fortune to transfer, a prize, an inheritance: up to three distinct
 * phrases quoted. Crypto-currency bait is {@link CryptoLure}'s.
 */
final class MoneyBait extends LanguageCue {
  private static final Pattern PHRASES =
      Pattern.compile(
          "(?i)(\\b(?:million|milh[õo]es de) (?:us |united states )?(?:dollars|usd|euros?|pounds|reais)\\b|us\\$ ?\\d|"
              + "\\bnext of kin\\b|\\binheritance\\b|\\bbeneficiary\\b|\\bconsignment box\\b|\\batm (?:visa )?card\\b|"
              + "\\bbusiness proposal\\b|\\b(?:lottery|sweepstakes?) (?:winner|prize|award)|\\byou (?:have|'ve) won\\b|"
              + "\\bclaim your (?:prize|reward|funds|payment|compensation|bonus|tokens?)\\b|\\bcompensation (?:fund|payment)\\b|"
              + "\\brestitution\\b|\\bunclaimed (?:funds|fund|prize)\\b|"
              + "\\bpontos? (?:livelo|expira)|\\bresgat(?:e|ar)\\b)");

  MoneyBait() {
    super(
        new MailRule(
            "money-bait",
            3,
            Weight.PRIMARY,
            Part.TEXT,
            "The text dangles money: a fortune to transfer, a prize, an inheritance"),
        PHRASES,
        "the text dangles money");
  }
}
