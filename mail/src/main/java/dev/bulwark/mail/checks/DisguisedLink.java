package dev.bulwark.mail.checks;

import dev.bulwark.mail.checks.MailRule.Part;
import dev.bulwark.mail.checks.MailRule.Weight;
import dev.bulwark.mail.message.MailMessage;
import java.util.regex.Pattern;

/**
 * A link that hides its real target: another web address carried through an open redirector ({@code
 * google.com/url?q=…}, {@code ?redirect=http…}), or plain letters percent-encoded so that filters
 * reading the address do not recognise it ({@code %68tt%70} for "http").
 */
final class DisguisedLink extends LinkCheck {
  private static final MailRule RULE =
      new MailRule(
          "disguised-link",
          3,
          Weight.PRIMARY,
          Part.LINKS,
          "A link hides its target behind a redirector or percent-encoded letters");
  private static final Pattern REDIRECT =
      Pattern.compile(
          "(?i)[?&](?:q|u|url|redirect|redirect_uri|redir|goto|target|dest|destination|next|to|link)"
              + "=(?:https?(?::|%3a)|%68|[a-z0-9-]+(?:\\.|%2e)[a-z]{2,}(?:/|%2f))");

  /** A percent-encoded letter or digit: nothing needs that escape. */
  private static final Pattern ENCODED_PLAIN =
      Pattern.compile("%(?:[46][1-9a-fA-F]|[57][0-9aA]|3[0-9])");

  @Override
  public MailRule rule() {
    return RULE;
  }

  @Override
  int limit() {
    return 1;
  }

  @Override
  String judge(MailMessage.Link l, String host, String reg, CheckContext c) {
    String href = l.href();
    int q = href.indexOf('?');
    String path = q < 0 ? href : href.substring(0, q);
    if (ENCODED_PLAIN.matcher(href).results().count() >= 3) {
      return "a link to " + reg + " spells plain letters in percent-escapes, hiding what it says";
    }
    if (q >= 0 && REDIRECT.matcher(href.substring(q)).find() && !path.contains("unsubscribe")) {
      return "a link to " + reg + " carries another address to send the reader on to";
    }
    return null;
  }
}
