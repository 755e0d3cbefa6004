package dev.bulwark.mail.checks;

import dev.bulwark.mail.checks.MailRule.Part;
import dev.bulwark.mail.checks.MailRule.Weight;
import java.util.regex.Pattern;

/**
 * An online casino's bait: free spins, a bonus with no deposit, a jackpot or a payout waiting — the
 * unsolicited gambling offers that lead to unlicensed sites and card forms. Up to three phrases
 * quoted, in the languages these campaigns use most.
 */
final class GamblingLure extends LanguageCue {
  private static final Pattern PHRASES =
      Pattern.compile(
          "(?iu)(?<![\\p{L}\\p{N}])("
              + "(?:online )?casinos?|free ?spins?|bonus spins?|gratis[- ]?spins?|spins? gr[áa]tis|jackpots?|"
              + "slot (?:games?|machines?)|no deposit(?: required| bonus)?|without (?:a |any )?deposit|"
              + "welcome bonus|deposit bonus|bonus code|sportsbook|place your bets?|"
              + "freispiele|willkommensbonus|keine (?:einzahlung|anzahlung)|ohne einzahlung|spielbank|"
              + "tours? gratuits?|sans d[ée]p[ôo]t|giros? gr[áa]tis|sin dep[óo]sito|rodadas gr[áa]tis|sem dep[óo]sito|"
              + "giri gratuiti|senza deposito|gratis spins|zonder storting|"
              + "\\d{2,3} ?% (?:bonus|boost)"
              + ")(?![\\p{L}\\p{N}])");

  GamblingLure() {
    super(
        new MailRule(
            "gambling-lure",
            4,
            Weight.PRIMARY,
            Part.TEXT,
            "The text baits with casino offers: free spins, a bonus without deposit, a jackpot"),
        PHRASES,
        "the text baits with casino offers");
  }
}
