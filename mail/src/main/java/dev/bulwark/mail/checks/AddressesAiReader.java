package dev.bulwark.mail.checks;

import dev.bulwark.mail.checks.MailRule.Part;
import dev.bulwark.mail.checks.MailRule.Weight;
import dev.bulwark.mail.message.MailMessage;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text addressed to an AI reader ("ignore previous instructions"): one more signal, which never
 * changes how the other checks work.
 */
final class AddressesAiReader implements MailCheck {
  private static final MailRule RULE =
      new MailRule(
          "addresses-ai-reader", 3, Weight.PRIMARY, Part.TEXT, "The text speaks to an AI reader");
  private static final Pattern AI_ADDRESSED =
      Pattern.compile(
          "(?i)(ignore (?:all )?(?:previous|prior) instructions|you are an ai|as an ai (?:model|assistant)|system prompt|classify this (?:e-?mail|message) as)");

  @Override
  public MailRule rule() {
    return RULE;
  }

  @Override
  public void check(MailMessage m, CheckContext c, Reasons out) {
    String subject = Locations.subject(m);
    String text = Locations.subjectAndText(m);
    Matcher ai = AI_ADDRESSED.matcher(text);
    if (ai.find()) {
      out.add(
          "the text speaks to an AI reader (\"" + ai.group() + "\")",
          Locations.where(subject, text, ai.start()));
    }
  }
}
