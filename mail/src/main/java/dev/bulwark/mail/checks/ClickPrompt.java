package dev.bulwark.mail.checks;

import dev.bulwark.mail.checks.MailRule.Part;
import dev.bulwark.mail.checks.MailRule.Weight;
import java.util.regex.Pattern;

/**
 * "Click here to…": a call to follow a link. Every newsletter has one, so it only supports what a
 * primary check found.
 */
final class ClickPrompt extends LanguageCue {
  private static final Pattern PHRASES =
      Pattern.compile(
          "(?i)\\b(click (?:here|below|the (?:link|button)(?: below)?) to|clique aqui|klicken sie hier|cliquez ici|haga clic aqu[ií])\\b");

  ClickPrompt() {
    super(
        new MailRule(
            "click-prompt",
            1,
            Weight.SUPPORTING,
            Part.TEXT,
            "The text tells the reader to click a link (\"click here to\")"),
        PHRASES,
        "the text tells the reader to click");
  }
}
