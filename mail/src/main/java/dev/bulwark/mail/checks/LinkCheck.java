package dev.bulwark.mail.checks;

import dev.bulwark.mail.message.Addresses;
import dev.bulwark.mail.message.MailMessage;

/**
 * A check that looks at each http(s) link on its own and reports at most {@value #MAX_PER_MESSAGE}
 * of them, so one message with fifty tracking links does not pile up points.
 */
abstract class LinkCheck implements MailCheck {
  static final int MAX_PER_MESSAGE = 3;

  /** The reason for one link, or null. {@code host} and {@code registrable} are never null. */
  abstract String judge(MailMessage.Link link, String host, String registrable, CheckContext c);

  /** How many distinct findings this check may give per message. */
  int limit() {
    return MAX_PER_MESSAGE;
  }

  @Override
  public final void check(MailMessage m, CheckContext c, Reasons out) {
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (MailMessage.Link l : m.links()) {
      String host = Locations.host(l.href());
      String reg = Addresses.registrable(host);
      if (host == null || reg == null) {
        continue;
      }
      String why = judge(l, host, reg, c);
      if (why != null && seen.add(why)) {
        out.add(why, Locations.url(l.href()));
        if (seen.size() >= limit()) {
          return;
        }
      }
    }
  }
}
