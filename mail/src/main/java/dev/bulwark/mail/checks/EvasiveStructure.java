package dev.bulwark.mail.checks;

import dev.bulwark.mail.checks.MailRule.Part;
import dev.bulwark.mail.checks.MailRule.Weight;
import dev.bulwark.mail.message.MailMessage;
import dev.bulwark.mail.message.MailMessage.Structure;
import java.util.Locale;

/**
 * A message built so that a reader stops before the content: parts nested deeper than mail ever
 * needs, a header field tens of kilobytes long, or more header fields than a section may hold.
 * Filters with a depth or header limit give up on such a message and call it clean or unreadable;
 * Bulwark reads what it can (every part however deep, the start of each long header, the fields
 * that say who sent it) and counts the shape itself as a sign. One kind of evasion makes a message
 * suspicious; two or more add up to the check's points.
 */
final class EvasiveStructure implements MailCheck {
  private static final MailRule RULE =
      new MailRule(
          "evasive-structure",
          6,
          Weight.PRIMARY,
          Part.STRUCTURE,
          "Parts nested deeper than "
              + Structure.DEEP
              + " levels, or a header over "
              + (Structure.MAX_FIELD >> 10)
              + " KiB, or more than "
              + String.format(Locale.ROOT, "%,d", Structure.MAX_FIELDS)
              + " header fields: a shape built to make readers stop early");

  /** Points for one kind of evasion: suspicious on its own, not malicious. */
  private static final int EACH = 4;

  @Override
  public MailRule rule() {
    return RULE;
  }

  @Override
  public void check(MailMessage m, CheckContext c, Reasons out) {
    Structure s = m.structure();
    int left = RULE.points();
    if (s.partsTooDeep() > 0) {
      out.add(
          Math.min(EACH, left),
          String.format(
              Locale.ROOT,
              "MIME parts nested %d levels deep (mail needs a few; %,d %s below level %d, where"
                  + " many readers stop) — their text was read all the same",
              s.deepest(),
              s.partsTooDeep(),
              s.partsTooDeep() == 1 ? "part lies" : "parts lie",
              Structure.DEEP),
          "structure:mime");
      left -= Math.min(EACH, left);
    }
    if (s.cutCount() > 0 && left > 0) {
      MailMessage.CutHeader first = s.cutHeaders().get(0);
      out.add(
          Math.min(EACH, left),
          String.format(
              Locale.ROOT,
              "%s header of %,d bytes%s: only the first %d KiB of %s read",
              first.name(),
              first.bytes(),
              s.cutCount() > 1 ? " and " + (s.cutCount() - 1) + " more as long" : "",
              Structure.MAX_FIELD >> 10,
              s.cutCount() > 1 ? "each was" : "it was"),
          "header:" + first.name());
      left -= Math.min(EACH, left);
    }
    if (s.skippedHeaders() > 0 && left > 0) {
      out.add(
          Math.min(EACH, left),
          String.format(
              Locale.ROOT,
              "%,d header fields in one section (mail has a few dozen); %,d past the first %,d"
                  + " were skipped, keeping the sender, subject and content fields",
              s.mostHeaders(),
              s.skippedHeaders(),
              Structure.MAX_FIELDS),
          "structure:headers");
    }
  }
}
