package dev.bulwark.mail;

import dev.bulwark.core.model.PropertyKey;
import java.util.List;

/** The properties the mail analyzer writes on its findings (docs/report-format.md). */
public final class MailProperties {
  private MailProperties() {}

  public static final PropertyKey<Integer> SCORE =
      PropertyKey.integer("score", "the message's points from the mail checks");
  public static final PropertyKey<String> VERDICT =
      PropertyKey.text("verdict", "suspicious or malicious");
  public static final PropertyKey<String> FROM =
      PropertyKey.text("from", "the message's From header");

  /** Labels keep properties, so a verdict on a finding can find its message again. */
  public static final PropertyKey<Integer> MESSAGE_INDEX =
      PropertyKey.integer("message-index", "the message's position in its mailbox (0 for a file)");

  public static final List<PropertyKey<?>> ALL = List.of(SCORE, VERDICT, FROM, MESSAGE_INDEX);
}
