package dev.bulwark.mail.checks;

import dev.bulwark.mail.checks.MailRule.Part;
import dev.bulwark.mail.checks.MailRule.Weight;
import dev.bulwark.mail.message.Html;
import dev.bulwark.mail.message.MailMessage;
import java.util.Locale;

/**
 * The HTML body is a picture and a link with next to no words: what it says is in an image no
 * filter reads, and the reader can only click it.
 */
final class ImageOnlyBody implements MailCheck {
  private static final MailRule RULE =
      new MailRule(
          "image-only-body",
          2,
          Weight.PRIMARY,
          Part.STRUCTURE,
          "The HTML body is a linked picture with next to no text");

  /** Words below which a body says nothing a reader could act on without the picture. */
  static final int FEW_WORDS = 12;

  @Override
  public MailRule rule() {
    return RULE;
  }

  @Override
  public void check(MailMessage m, CheckContext c, Reasons out) {
    String html = m.htmlBody();
    if (html == null || m.links().isEmpty()) {
      return;
    }
    if (!html.toLowerCase(Locale.ROOT).contains("<img")) {
      return;
    }
    String text = Html.text(html).strip();
    int words = text.isEmpty() ? 0 : text.split("\\s+").length;
    if (words < FEW_WORDS) {
      out.add(
          "the HTML body is a linked picture with " + words + " words of text", "body:html img");
    }
  }
}
