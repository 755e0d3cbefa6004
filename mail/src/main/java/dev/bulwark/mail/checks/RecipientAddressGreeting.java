package dev.bulwark.mail.checks;

import dev.bulwark.mail.checks.MailRule.Part;
import dev.bulwark.mail.checks.MailRule.Weight;
import dev.bulwark.mail.message.Addresses;
import dev.bulwark.mail.message.MailMessage;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The subject or the greeting uses the recipient's e-mail address as a name ("Dear bob@corp…",
 * "bob@corp…: your mailbox is full"), or a subject holding an address though the message was sent
 * to undisclosed recipients (the blind-copied reader's own, filled in per copy): a mass mailer
 * personalising with all it knows.
 */
final class RecipientAddressGreeting implements MailCheck {
  /** An address, with or without a dot in its domain (local deliveries, anonymised corpora). */
  private static final Pattern ANY_ADDRESS =
      Pattern.compile("[^\\s<>\"',;:()\\[\\]]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*");

  private static final MailRule RULE =
      new MailRule(
          "recipient-address-greeting",
          3,
          Weight.PRIMARY,
          Part.TEXT,
          "The subject or greeting addresses the reader by their e-mail address");

  /** The single recipient's address, lower case, or null (none, or several). */
  static String recipient(String header) {
    if (header == null) {
      return null;
    }
    String parsed = Addresses.address(header);
    if (parsed != null) {
      return header.indexOf('@') == header.lastIndexOf('@') ? parsed : null;
    }
    // addresses without a dot in the domain (local deliveries, anonymised corpora)
    java.util.regex.Matcher x =
        java.util.regex.Pattern.compile("[^\\s<>\"',;:]+@[^\\s<>\"',;:]+").matcher(header);
    return x.find() && header.indexOf('@') == header.lastIndexOf('@')
        ? x.group().toLowerCase(Locale.ROOT)
        : null;
  }

  @Override
  public MailRule rule() {
    return RULE;
  }

  @Override
  public void check(MailMessage m, CheckContext c, Reasons out) {
    String toHeader = m.header("To");
    String to = recipient(toHeader);
    if (to == null) {
      if (toHeader != null && HiddenRecipients.namesNobody(toHeader)) {
        // sent blind to many, yet the subject holds an address: the mailer wrote in each
        // reader's own, the only thing it knows about them
        Matcher inSubject = ANY_ADDRESS.matcher(Locations.subject(m));
        if (inSubject.find()) {
          out.add(
              "the subject names the address "
                  + inSubject.group()
                  + " though the message was sent to undisclosed recipients",
              "header:Subject");
        }
      }
      return;
    }
    String subject = Locations.subject(m).toLowerCase(Locale.ROOT);
    if (subject.contains(to)) {
      out.add("the subject names the recipient by their address " + to, "header:Subject");
      return;
    }
    String text = m.visibleText();
    String start = text.substring(0, Math.min(600, text.length())).toLowerCase(Locale.ROOT);
    int at = start.indexOf(to);
    if (at > 0
        && start
            .substring(Math.max(0, at - 16), at)
            .matches(
                "(?s).*\\b(dear|hello|hi|hallo|olá|ola|oi|bonjour|hola|guten tag|ciao|prezado|caro)\\W*$")) {
      out.add(
          "the greeting calls the recipient by their address " + to,
          "body:sentence:"
              + Locations.clip(start.substring(Math.max(0, at - 16), at + to.length())));
    }
  }
}
