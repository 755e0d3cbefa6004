package dev.bulwark.mail.message;

import com.google.common.net.InternetDomainName;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Address and domain helpers. */
public final class Addresses {
  private static final Pattern ADDRESS =
      Pattern.compile("[A-Za-z0-9._%+'=-]+@([A-Za-z0-9.-]+\\.[A-Za-z]{2,})");
  private static final Pattern DISPLAY = Pattern.compile("^\\s*\"?([^\"<]*)\"?\\s*<");

  private Addresses() {}

  public static String domain(String header) {
    Matcher m = ADDRESS.matcher(header);
    String last = null;
    while (m.find()) {
      last = m.group(1);
    }
    return last == null ? null : last.toLowerCase(Locale.ROOT);
  }

  /** The last address in a header, lower-cased, or null. */
  public static String address(String header) {
    Matcher m = ADDRESS.matcher(header);
    String last = null;
    while (m.find()) {
      last = m.group();
    }
    return last == null ? null : last.toLowerCase(Locale.ROOT);
  }

  /**
   * The display name before the address in angle brackets, without its quotes. Everything before
   * the last {@code <} counts, so names quoted in pieces ({@code "Support Team," Ledger <…>}) or
   * wrapped in runs of quotes ({@code """Norton Billing"""<…>}) are read whole.
   */
  public static String displayName(String header) {
    if (header == null) {
      return "";
    }
    Matcher m = DISPLAY.matcher(header);
    if (m.find()) {
      return m.group(1).strip();
    }
    int lt = header.lastIndexOf('<');
    if (lt <= 0 || header.indexOf('>', lt) < 0) {
      return "";
    }
    return header.substring(0, lt).replace("\"", " ").replaceAll("\\s+", " ").strip();
  }

  /**
   * The registrable domain — the part a registrant owns — by the public suffix list, private
   * suffixes included (each {@code name.github.io} has its own owner). An IP address is itself; a
   * name under no known suffix keeps its last two labels.
   */
  public static String registrable(String host) {
    if (host == null) {
      return null;
    }
    String h = host.toLowerCase(Locale.ROOT).replaceAll("\\.$", "");
    if (h.matches("\\d{1,3}(\\.\\d{1,3}){3}") || h.contains(":")) {
      return h;
    }
    try {
      InternetDomainName d = InternetDomainName.from(h);
      if (d.isUnderPublicSuffix()) {
        return d.topPrivateDomain().toString();
      }
      if (d.isPublicSuffix()) {
        return h;
      }
    } catch (IllegalArgumentException e) {
      // not a valid domain name (underscores, empty labels): fall back to its last labels
    }
    String[] l = h.split("\\.");
    return l.length <= 2 ? h : l[l.length - 2] + "." + l[l.length - 1];
  }
}
