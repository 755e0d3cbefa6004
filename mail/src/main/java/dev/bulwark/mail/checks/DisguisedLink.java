package dev.bulwark.mail.checks;

import dev.bulwark.mail.checks.MailRule.Part;
import dev.bulwark.mail.checks.MailRule.Weight;
import dev.bulwark.mail.message.Addresses;
import dev.bulwark.mail.message.MailMessage;
import java.util.regex.Matcher;
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

  private static final Pattern PLAIN_TARGET = Pattern.compile("(?i)[?&][a-z_]+=(https?://[^&#]+)");

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
      String target = target(href.substring(q));
      // a site sending the reader on to its own pages (click tracking) hides nothing
      if (target != null
          && reg != null
          && reg.equals(Addresses.registrable(Locations.host(target)))) {
        return null;
      }
      return "a link to " + reg + " carries another address to send the reader on to";
    }
    return null;
  }

  /** The plain http(s) address a query parameter carries, or null when it is encoded or absent. */
  private static String target(String query) {
    Matcher m = PLAIN_TARGET.matcher(query);
    return m.find() ? m.group(1) : null;
  }
}
