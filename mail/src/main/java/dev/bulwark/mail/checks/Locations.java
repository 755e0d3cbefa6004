package dev.bulwark.mail.checks;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** How checks name what they saw: a link's host, a file's extension, a clipped sentence. */
public final class Locations {
  private static final Pattern HOST = Pattern.compile("(?i)^https?://([^/:?#]+)");

  private Locations() {}

  /** The lower-case host of an http(s) link, or null. */
  public static String host(String href) {
    if (href == null) {
      return null;
    }
    String h = href.strip();
    if (!h.regionMatches(true, 0, "http", 0, 4)) {
      return null;
    }
    try {
      String host = URI.create(h.replace(" ", "%20").replace("|", "%7C")).getHost();
      return host == null ? null : host.toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      Matcher x = HOST.matcher(h);
      return x.find() ? x.group(1).toLowerCase(Locale.ROOT) : null;
    }
  }

  /** The lower-case extension of a file name, or "". */
  public static String extension(String name) {
    String n = name == null ? "" : name.toLowerCase(Locale.ROOT);
    int dot = n.lastIndexOf('.');
    return dot < 0 || n.endsWith("/") ? "" : n.substring(dot + 1);
  }

  static String url(String href) {
    return "url:" + clip(href);
  }

  public static String clip(String s) {
    return s.length() <= 120 ? s : s.substring(0, 119) + "…";
  }

  /** The subject and visible text as the language checks read them: "subject \n text". */
  static String subjectAndText(dev.bulwark.mail.message.MailMessage m) {
    String text = subject(m) + "\n" + m.renderedText();
    return text.length() > 200_000 ? text.substring(0, 200_000) : text;
  }

  static String subject(dev.bulwark.mail.message.MailMessage m) {
    return m.header("Subject") == null ? "" : m.header("Subject");
  }

  /**
   * Where in the message a phrase at {@code at} of "subject \n text" is: the Subject header, or the
   * sentence of the text around it ({@code body:sentence:…}).
   */
  static String where(String subject, String text, int at) {
    if (at < subject.length()) {
      return "header:Subject";
    }
    int start = at;
    while (start > subject.length() + 1
        && at - start < 200
        && ".!?\n".indexOf(text.charAt(start - 1)) < 0) {
      start--;
    }
    int end = at;
    while (end < text.length() && end - at < 200 && ".!?\n".indexOf(text.charAt(end)) < 0) {
      end++;
    }
    String sentence =
        text.substring(start, Math.min(text.length(), end + 1)).replaceAll("\\s+", " ").strip();
    return "body:sentence:" + clip(sentence);
  }
}
