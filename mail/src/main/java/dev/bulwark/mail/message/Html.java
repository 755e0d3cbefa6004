package dev.bulwark.mail.message;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Just enough HTML for mail: links with their visible text, and the text without tags. */
public final class Html {
  private static final Pattern LINK =
      Pattern.compile("(?is)<a\\b[^>]*?href\\s*=\\s*[\"']?([^\"'\\s>]+)[^>]*>(.*?)</a>");
  private static final Pattern TAG = Pattern.compile("(?s)<[^>]*>");
  private static final Pattern STYLE = Pattern.compile("(?is)<(style|script)\\b.*?</\\1>");

  private Html() {}

  public static List<MailMessage.Link> links(String html) {
    List<MailMessage.Link> out = new ArrayList<>();
    Matcher m = LINK.matcher(html);
    while (m.find() && out.size() < 500) {
      out.add(new MailMessage.Link(text(m.group(2)).strip(), entities(m.group(1))));
    }
    return out;
  }

  public static String text(String html) {
    String t = STYLE.matcher(html).replaceAll(" ");
    t = TAG.matcher(t).replaceAll(" ");
    return entities(t).replaceAll("[ \\t\\x0B\\f\\r]+", " ");
  }

  static String entities(String s) {
    return s.replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", " ");
  }
}
