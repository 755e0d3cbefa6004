package dev.bulwark.mail;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Address and domain helpers. */
final class Addresses {
  private static final Pattern ADDRESS =
      Pattern.compile("[A-Za-z0-9._%+'=-]+@([A-Za-z0-9.-]+\\.[A-Za-z]{2,})");
  private static final Pattern DISPLAY = Pattern.compile("^\\s*\"?([^\"<]*)\"?\\s*<");

  private Addresses() {}

  static String domain(String header) {
    Matcher m = ADDRESS.matcher(header);
    String last = null;
    while (m.find()) {
      last = m.group(1);
    }
    return last == null ? null : last.toLowerCase(Locale.ROOT);
  }

  static String displayName(String header) {
    Matcher m = DISPLAY.matcher(header == null ? "" : header);
    return m.find() ? m.group(1).strip() : "";
  }

  /**
   * The registrable domain, approximately: the last two labels, or three under common two-level
   * public suffixes (co.uk, com.br, …).
   */
  static String registrable(String host) {
    if (host == null) {
      return null;
    }
    String h = host.toLowerCase(Locale.ROOT).replaceAll("\\.$", "");
    String[] l = h.split("\\.");
    if (l.length <= 2) {
      return h;
    }
    String last2 = l[l.length - 2] + "." + l[l.length - 1];
    boolean twoLevel =
        l[l.length - 1].length() == 2
            && (l[l.length - 2].matches("co|com|net|org|gov|ac|edu|ne|or|go"));
    return twoLevel ? l[l.length - 3] + "." + last2 : last2;
  }
}
