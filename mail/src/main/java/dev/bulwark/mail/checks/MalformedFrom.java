package dev.bulwark.mail.checks;

import dev.bulwark.mail.checks.MailRule.Part;
import dev.bulwark.mail.checks.MailRule.Weight;
import dev.bulwark.mail.message.MailMessage;
import java.util.regex.Pattern;

/**
 * A From header built to confuse: several addresses, or a display name that is cut off by a bare
 * comma before the address, so that clients show only the invented part.
 */
final class MalformedFrom implements MailCheck {
  private static final MailRule RULE =
      new MailRule(
          "malformed-from",
          3,
          Weight.PRIMARY,
          Part.SENDER,
          "The From header holds several addresses or a name split off by a bare comma");
  private static final Pattern TWO_ADDRESSES = Pattern.compile("@[^@]*,[^@]*@");
  private static final Pattern NAME_COMMA =
      Pattern.compile("^[^<\"]*\"?[^<\"]*\"?\\s*,[^<]*<[^>]+>\\s*$");

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
    String f = from.strip();
    if (TWO_ADDRESSES.matcher(f).find()) {
      out.add("the From header names more than one address: " + Locations.clip(f), "header:From");
    } else if (NAME_COMMA.matcher(f.replaceAll("\"[^\"]*\"", "\"\"")).matches()) {
      out.add(
          "the From header's name is split off by a bare comma: " + Locations.clip(f),
          "header:From");
    }
  }
}
