package dev.bulwark.mail.checks;

import dev.bulwark.mail.checks.MailRule.Part;
import dev.bulwark.mail.checks.MailRule.Weight;
import dev.bulwark.mail.message.MailMessage;

/**
 * Words broken up by invisible characters (zero-width spaces and joiners, soft hyphens, word
 * joiners): the reader sees ordinary text, a filter reading the bytes sees none of its words.
 */
final class InvisibleCharacters implements MailCheck {
  private static final MailRule RULE =
      new MailRule(
          "invisible-characters",
          4,
          Weight.PRIMARY,
          Part.TEXT,
          "Words are broken up by invisible characters that hide them from filters");
  private static final int MIN_INSIDE_WORDS = 5;

  @Override
  public MailRule rule() {
    return RULE;
  }

  @Override
  public void check(MailMessage m, CheckContext c, Reasons out) {
    String text = Locations.subjectAndText(m);
    int inside = 0;
    for (int i = 1; i + 1 < text.length(); i++) {
      if (invisible(text.charAt(i))) {
        int before = i - 1;
        int after = i + 1;
        while (after < text.length() && invisible(text.charAt(after))) {
          after++;
        }
        if (after < text.length()
            && Character.isLetter(text.charAt(before))
            && Character.isLetter(text.charAt(after))) {
          inside++;
        }
        i = after - 1;
      }
    }
    if (inside >= MIN_INSIDE_WORDS) {
      out.add(
          inside + " invisible characters sit inside words, hiding the text from filters",
          "body:text");
    }
  }

  private static boolean invisible(char ch) {
    return ch == '\u200b'
        || ch == '\u200c'
        || ch == '\u200d'
        || ch == '\u2060'
        || ch == '\u00ad'
        || ch == '\ufeff'
        || ch == '\u034f';
  }
}
