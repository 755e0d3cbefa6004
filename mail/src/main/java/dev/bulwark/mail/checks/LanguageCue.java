package dev.bulwark.mail.checks;

import dev.bulwark.mail.message.MailMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A phrase-based check on the subject and visible text: up to three distinct phrases quoted, a
 * point each plus one, at most the rule's points; located in the Subject when the first phrase is
 * there. The phrase lists are the checks; this class only reads them.
 */
abstract class LanguageCue implements MailCheck {
  private final MailRule rule;
  private final Pattern phrases;
  private final String what;

  LanguageCue(MailRule rule, Pattern phrases, String what) {
    this.rule = rule;
    this.phrases = phrases;
    this.what = what;
  }

  @Override
  public final MailRule rule() {
    return rule;
  }

  @Override
  public final void check(MailMessage m, CheckContext c, Reasons out) {
    String subject = Locations.subject(m);
    String text = Locations.subjectAndText(m);
    Matcher u = phrases.matcher(text);
    List<String> seen = new ArrayList<>();
    int first = -1;
    while (u.find() && seen.size() < 3) {
      String phrase = u.group().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
      if (!seen.contains(phrase)) {
        seen.add(phrase);
        first = first < 0 ? u.start() : first;
      }
    }
    if (!seen.isEmpty()) {
      out.add(
          seen.size() + 1,
          what + ": \"" + String.join("\", \"", seen) + "\"",
          Locations.where(subject, text, first));
    }
  }
}
