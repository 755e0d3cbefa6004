package dev.bulwark.mail.checks;

import java.util.regex.Pattern;

/**
 * What a mail check is: its id (the code its reasons carry), the most points one message can earn
 * from it, whether it counts alone or only alongside a primary signal, where in a message it looks,
 * and one sentence for the rules list. Longer explanations live in {@code docs/rules/mail.md}.
 */
public record MailRule(String id, int points, Weight weight, Part part, String summary) {
  private static final Pattern ID = Pattern.compile("[a-z0-9]+(?:-[a-z0-9]+)*");

  /** Whether a check's points count on their own. */
  public enum Weight {
    /** A sign of phishing in itself: its points always count. */
    PRIMARY,
    /**
     * Common in honest mail too (mailing lists, bulk senders, old clients, missing authentication
     * results): its points count only when a primary check fired as well.
     */
    SUPPORTING
  }

  /** Where in a message a check looks. */
  public enum Part {
    AUTHENTICATION,
    SENDER,
    ROUTE,
    LINKS,
    ATTACHMENTS,
    TEXT,
    /** How the message is built: nesting of its parts, size and number of its headers. */
    STRUCTURE
  }

  public MailRule {
    if (id == null || !ID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          "mail rule id must be lower-case words with dashes: " + id);
    }
    if (points < 1 || points > 10) {
      throw new IllegalArgumentException(
          "mail rule " + id + ": points must be 1..10, got " + points);
    }
    if (weight == null || part == null || summary == null || summary.isBlank()) {
      throw new IllegalArgumentException("mail rule " + id + ": weight, part and summary required");
    }
  }
}
