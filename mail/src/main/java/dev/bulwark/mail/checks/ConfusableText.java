package dev.bulwark.mail.checks;

import dev.bulwark.mail.checks.MailRule.Part;
import dev.bulwark.mail.checks.MailRule.Weight;
import dev.bulwark.mail.message.MailMessage;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Letters that only look Latin: Cyrillic or Greek look-alikes inside Latin words ("Lооking" with
 * Cyrillic о), or the bold and italic letters of Unicode's mathematical block (𝐒𝐄𝐋𝐋) — text a
 * reader reads as usual and a filter matching words does not.
 */
final class ConfusableText implements MailCheck {
  private static final MailRule RULE =
      new MailRule(
          "confusable-text",
          3,
          Weight.PRIMARY,
          Part.TEXT,
          "Words are written with look-alike letters from other scripts or Unicode's math alphabet");

  /** A Latin word with a Cyrillic or Greek letter inside, or one of them inside a Latin word. */
  private static final Pattern MIXED =
      Pattern.compile(
          "\\b(?=[\\p{IsLatin}\\p{IsCyrillic}\\p{IsGreek}]*\\p{IsLatin})(?=[\\p{IsLatin}\\p{IsCyrillic}\\p{IsGreek}]*[\\p{IsCyrillic}\\p{IsGreek}])[\\p{IsLatin}\\p{IsCyrillic}\\p{IsGreek}]{3,}\\b");

  @Override
  public MailRule rule() {
    return RULE;
  }

  @Override
  public void check(MailMessage m, CheckContext c, Reasons out) {
    String subject = Locations.subject(m);
    String text = Locations.subjectAndText(m);
    int math = 0;
    int firstMath = -1;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      if (cp >= 0x1D400 && cp <= 0x1D7FF) {
        math++;
        firstMath = firstMath < 0 ? i : firstMath;
      }
      i += Character.charCount(cp);
    }
    if (math >= 4) {
      out.add(
          math + " letters from Unicode's mathematical alphabet stand in for plain ones",
          Locations.where(subject, text, firstMath));
      return;
    }
    Matcher x = MIXED.matcher(text);
    int words = 0;
    int first = -1;
    String example = null;
    while (x.find() && words < 10) {
      words++;
      if (first < 0) {
        first = x.start();
        example = x.group();
      }
    }
    if (words >= 2) {
      out.add(
          words
              + " words mix Latin letters with Cyrillic or Greek look-alikes (\""
              + example
              + "\")",
          Locations.where(subject, text, first));
    }
  }
}
