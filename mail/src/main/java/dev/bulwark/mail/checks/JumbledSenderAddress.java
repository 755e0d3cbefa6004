package dev.bulwark.mail.checks;

import dev.bulwark.mail.checks.MailRule.Part;
import dev.bulwark.mail.checks.MailRule.Weight;
import dev.bulwark.mail.message.MailMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sender's mailbox name is a jumble of upper- and lower-case letters no person or organisation
 * writes ({@code JiUQpKEBH@…}, {@code uJrkoOT@…}): bulk senders that mint a new address for each
 * run, so that no block list keeps up, generate them. People's and organisations' mailbox names are
 * lower case, capitalised, or words run together ({@code JohnSmith}, {@code DoNotReply}, {@code
 * WebDesignHQ}); a name holding digits is left alone, since mailing-list software writes mixed-case
 * tokens beside numbers into honest bounce addresses.
 */
final class JumbledSenderAddress implements MailCheck {
  private static final MailRule RULE =
      new MailRule(
          "jumbled-sender-address",
          3,
          Weight.PRIMARY,
          Part.SENDER,
          "The sender's mailbox name is a random-looking jumble of upper- and lower-case letters");
  private static final Pattern ADDRESS =
      Pattern.compile("([A-Za-z0-9._%+'=-]+)@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");

  /** Camel-case pieces: an acronym run, or a word with an optional capital first letter. */
  private static final Pattern PIECE = Pattern.compile("[A-Z]+(?![a-z])|[A-Z]?[a-z]+");

  @Override
  public MailRule rule() {
    return RULE;
  }

  @Override
  public void check(MailMessage m, CheckContext c, Reasons out) {
    String from = m.header("From");
    if (from == null) {
      return;
    }
    Matcher a = ADDRESS.matcher(from);
    String local = null;
    while (a.find()) {
      local = a.group(1);
    }
    if (local == null || !local.matches("[A-Za-z._+-]+")) {
      return;
    }
    for (String segment : local.split("[._+-]")) {
      if (jumbled(segment)) {
        out.add(
            "the sender's mailbox name \"" + local + "\" mixes upper and lower case at random",
            "header:From");
        return;
      }
    }
  }

  /**
   * Whether a run of letters has mixed case that does not read as words run together: some piece is
   * a lone letter (an initial in front excepted) or has no vowel (Mc excepted), with at least two
   * capitals in the run.
   */
  static boolean jumbled(String segment) {
    if (segment.length() < 4) {
      return false;
    }
    long upper = segment.chars().filter(Character::isUpperCase).count();
    if (upper < 2 || upper == segment.length()) {
      return false;
    }
    List<String> pieces = new ArrayList<>();
    Matcher p = PIECE.matcher(segment);
    while (p.find()) {
      pieces.add(p.group());
    }
    for (int i = 0; i < pieces.size(); i++) {
      String piece = pieces.get(i);
      boolean acronym = piece.length() >= 2 && piece.chars().allMatch(Character::isUpperCase);
      boolean initial = i == 0 && piece.length() == 1 && Character.isUpperCase(piece.charAt(0));
      if (acronym || initial) {
        continue; // HQ, DVD: capitals for initials; JSmith: a first name's initial
      }
      if (piece.length() == 1 || (!piece.matches("(?i).*[aeiouy].*") && !piece.equals("Mc"))) {
        return true;
      }
    }
    return false;
  }
}
