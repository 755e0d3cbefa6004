package dev.bulwark.mail.checks;

import dev.bulwark.mail.checks.MailRule.Part;
import dev.bulwark.mail.checks.MailRule.Weight;
import dev.bulwark.mail.message.MailMessage;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A few lines, no link and no attachment, asking whether the reader is free to help ("Are you
 * available?", "Can you do me a favour?", "Posso falar com você?"): the opener of CEO, payroll and
 * gift-card fraud, which asks for nothing yet so that no filter sees a request, and makes its ask
 * once the reader has answered. Only a short message counts: the same words inside a long letter or
 * a thread are ordinary.
 */
final class PretextOpener implements MailCheck {
  private static final MailRule RULE =
      new MailRule(
          "pretext-opener",
          3,
          Weight.PRIMARY,
          Part.TEXT,
          "A short message with no link or attachment only asks whether the reader is free to help");

  /** Longest visible text, in characters, a bare opener has. */
  static final int SHORT = 600;

  private static final Pattern OPENER =
      Pattern.compile(
          "(?iu)(?<![\\p{L}\\p{N}])("
              + "are you (?:available|at your desk|in the office|free (?:now|today)|around)|"
              + "can (?:you|u) (?:help me|do me a (?:quick )?favou?r)|do me a (?:quick )?favou?r|"
              + "let me know if you have a (?:moment|minute|second)|quick (?:task|favou?r)|"
              + "i need you to (?:handle|complete|take care of)|"
              + "posso falar com (?:voc[eê]|vc)|podemos conversar|tem um minuto|"
              + "est[aá]s disponible|tienes un minuto|bist du (?:da|erreichbar)|es-tu disponible"
              + ")(?![\\p{L}\\p{N}])");

  @Override
  public MailRule rule() {
    return RULE;
  }

  @Override
  public void check(MailMessage m, CheckContext c, Reasons out) {
    String text = m.visibleText().strip();
    if (text.length() > SHORT || !m.links().isEmpty() || !m.attachments().isEmpty()) {
      return;
    }
    String subject = Locations.subject(m);
    String all = Locations.subjectAndText(m);
    Matcher o = OPENER.matcher(all);
    if (o.find()) {
      out.add(
          "a short message with nothing in it but the question \"" + o.group() + "\"",
          Locations.where(subject, all, o.start()));
    }
  }
}
