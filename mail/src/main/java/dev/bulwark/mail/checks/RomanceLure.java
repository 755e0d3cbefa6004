package dev.bulwark.mail.checks;

import dev.bulwark.mail.checks.MailRule.Part;
import dev.bulwark.mail.checks.MailRule.Weight;
import java.util.regex.Pattern;

/**
 * Romance and sextortion lures: strangers looking for love, "private photos", a claimed recording
 * of the reader paid off in bitcoin.
 */
final class RomanceLure extends LanguageCue {
  private static final Pattern PHRASES =
      Pattern.compile(
          "(?i)\\b(looking for (?:a |my )?(?:lover|man|boyfriend|husband|love|partner)|lonely (?:wom[ae]n|girls?|wife)|"
              + "hot (?:singles|girls)|(?:ukrainian|russian|asian|slavic) (?:girls|wom[ae]n|brides?|beauty|singles)|"
              + "meet (?:hot |beautiful )?(?:singles|girls|women)|private (?:photos|pics)|sex dating|"
              + "recorded (?:you|the act)|(?:your|the) webcam|porn(?:o|ographic)? (?:site|videos?)|"
              + "ukrainische|russische|traumliebe|frauen warten|schönheiten|filles ukrainiennes|rendez-vous chaud)\\b");

  RomanceLure() {
    super(
        new MailRule(
            "romance-lure",
            3,
            Weight.PRIMARY,
            Part.TEXT,
            "The text is a romance or sextortion lure"),
        PHRASES,
        "the text is a romance or sextortion lure");
  }
}
