package dev.bulwark.mail.checks;

import dev.bulwark.mail.checks.MailRule.Part;
import dev.bulwark.mail.checks.MailRule.Weight;
import dev.bulwark.mail.message.MailMessage;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The From or Reply-To address is no address a mail server could have accepted: an empty {@code
 * <>}, two {@code @}, a domain with no dot, stray characters ({@code %}, quotes) or look-alike
 * "bold" letters in the domain, a bracket left open. Bulk senders forge such headers by template;
 * honest mail systems do not write them.
 */
final class InvalidSenderAddress implements MailCheck {
  private static final MailRule RULE =
      new MailRule(
          "invalid-sender-address",
          3,
          Weight.PRIMARY,
          Part.SENDER,
          "The From or Reply-To address is not a valid address (empty, two @, no dot, stray"
              + " characters)");
  private static final Pattern BRACKETED = Pattern.compile("<([^<>]*)>");
  private static final Pattern LOCAL = Pattern.compile("[\\p{L}\\p{N}!#$%&'*+/=?^_`{|}~.-]+");
  private static final Pattern DOMAIN =
      Pattern.compile(
          "(?:[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]*[\\p{L}\\p{N}])?\\.)+(?:[\\p{L}]{2,}|xn--[a-z0-9-]+)");

  @Override
  public MailRule rule() {
    return RULE;
  }

  @Override
  public void check(MailMessage m, CheckContext c, Reasons out) {
    for (String name : new String[] {"From", "Reply-To"}) {
      String value = m.header(name);
      if (value == null || value.isBlank()) {
        continue;
      }
      String problem = problem(value.strip());
      if (problem != null) {
        out.add(
            "the " + name + " address " + problem + ": " + Locations.clip(value.strip()),
            "header:" + name);
        return;
      }
    }
  }

  /** What is wrong with the address in a From or Reply-To value, or null when nothing is. */
  static String problem(String value) {
    // quoted display names may hold anything, brackets and @ included
    String v = value.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"");
    String address;
    Matcher b = BRACKETED.matcher(v);
    if (b.find()) {
      address = b.group(1).strip();
      if (address.isEmpty()) {
        return "is empty";
      }
    } else if (v.contains("<")) {
      return "has a bracket left open";
    } else {
      address = v.replaceAll("\\([^)]*\\)", "").strip();
      if (!address.contains("@") || address.contains(" ") || address.contains(",")) {
        // a bare name or a list: other checks speak about those
        return null;
      }
    }
    int at = address.lastIndexOf('@');
    if (at < 0) {
      return null;
    }
    if (address.indexOf('@') != at) {
      return "has two @";
    }
    String local = address.substring(0, at);
    String domain = address.substring(at + 1);
    if (domain.codePoints().anyMatch(cp -> cp >= 0x1D400 && cp <= 0x1D7FF)) {
      return "spells its domain in look-alike letters";
    }
    // a dot-less name of letters only is a local host name (localhost, mailhost) that internal
    // and older systems write honestly; one mixing in digits is a template's random token
    if (!domain.contains(".") && domain.matches(".*\\d.*")) {
      return "has a domain with no dot";
    }
    if (!domain.contains(".")) {
      return null;
    }
    if (local.isEmpty() || !LOCAL.matcher(local).matches() || !DOMAIN.matcher(domain).matches()) {
      return "is not a valid address";
    }
    return null;
  }
}
