package dev.bulwark.mail.checks;

import dev.bulwark.mail.checks.MailRule.Part;
import dev.bulwark.mail.checks.MailRule.Weight;
import java.util.regex.Pattern;

/** The text asks for gift cards: up to three distinct phrases quoted. */
final class GiftCardRequest extends LanguageCue {
  private static final Pattern PHRASES =
      Pattern.compile(
          "(?i)\\b(gift ?cards?|itunes cards?|google play cards?|steam cards?|scratch (?:off )?the back|"
              + "cart[aã]o[- ]presente|tarjetas? de regalo)\\b");

  GiftCardRequest() {
    super(
        new MailRule(
            "gift-card-request", 3, Weight.PRIMARY, Part.TEXT, "The text asks for gift cards"),
        PHRASES,
        "the text asks for gift cards");
  }
}
