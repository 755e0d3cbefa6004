package dev.bulwark.mail.checks;

import dev.bulwark.mail.checks.MailRule.Part;
import dev.bulwark.mail.checks.MailRule.Weight;
import java.util.regex.Pattern;

/**
 * A prize the reader never entered for: "you have been selected", a winner's reward, a voucher for
 * answering a survey — in the languages phishing campaigns use most.
 */
final class PrizeLure extends LanguageCue {
  private static final Pattern PHRASES =
      Pattern.compile(
          "(?i)\\b(congratulations|you(?:'ve| have)? been (?:selected|chosen)|you (?:are|were) (?:our|a) (?:lucky )?winner|"
              + "our (?:lucky |\\w+ )?winner|claim (?:it|your \\w+) now|exclusive rewards?|mystery box|"
              + "(?:short|quick) survey|answer a few (?:quick )?questions|"
              + "(?:selected|chosen|eligible) to (?:receive|claim|win)|your (?:free )?(?:gift|reward|prize|bonus) is waiting|"
              + "(?:receive|get|claim) (?:a |your )?(?:free |exclusive )?(?:\\$\\d+ )?(?:gift card|reward|prize)|"
              + "você ganhou|resgat[ea]r? (?:o |seu )?(?:prêmio|brinde|bônus|cashback)|brinde exclusivo|"
              + "has ganado|reclam[ae] tu (?:premio|regalo)|"
              + "herzliche glückwünsche|wir gratulieren|gewinnen sie|gewonnen|gutschein|verlosung|umfrage|"
              + "félicitations|gagnant|gagnez|bon d['’]achat|sondage|récompenses?|"
              + "parab[ée]ns|voc[êe] foi selecionad[oa]|ganhador|pr[êe]mio|sorteio|"
              + "felicidades|has sido seleccionad[oa]|ganador|premio|sorteo)\\b");

  PrizeLure() {
    super(
        new MailRule(
            "prize-lure",
            3,
            Weight.PRIMARY,
            Part.TEXT,
            "The text announces a prize, reward or voucher the reader never entered for"),
        PHRASES,
        "the text announces a prize");
  }
}
