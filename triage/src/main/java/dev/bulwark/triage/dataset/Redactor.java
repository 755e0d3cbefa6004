package dev.bulwark.triage.dataset;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes what must not leave the team in a training set. The secrets analyzer plugs in as one
 * redactor (wired by the command line, which knows every capability); {@link #personalData()}
 * covers e-mail addresses, IP addresses, user names in home directories and phone numbers.
 */
@FunctionalInterface
public interface Redactor {

  /** The text with sensitive parts replaced by {@code <redacted:kind>} markers. */
  String redact(String text);

  default Redactor then(Redactor next) {
    return t -> next.redact(redact(t));
  }

  static Redactor none() {
    return t -> t;
  }

  /** E-mail addresses, IPv4/IPv6 addresses, home-directory user names, phone numbers. */
  static Redactor personalData() {
    record Rule(Pattern pattern, String replacement) {}
    List<Rule> rules =
        List.of(
            new Rule(
                Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}"),
                "<redacted:email>"),
            new Rule(
                Pattern.compile(
                    "\\b(?:(?:25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1?\\d?\\d)\\b"),
                "<redacted:ip>"),
            new Rule(
                Pattern.compile("\\b(?:[0-9a-fA-F]{1,4}:){4,7}[0-9a-fA-F]{1,4}\\b"),
                "<redacted:ip>"),
            new Rule(
                Pattern.compile(
                    "(?i)(\\b[A-Z]:\\\\Users\\\\|/home/|/Users/)(?!<redacted)[^\\\\/\\s\"']+"),
                "$1<redacted:user>"),
            new Rule(
                Pattern.compile(
                    "(?<![\\w.-])\\+?\\d{1,3}[ .-]?\\(?\\d{2,4}\\)?[ .-]\\d{3,4}[ .-]\\d{3,4}(?![\\w.-])"),
                "<redacted:phone>"));
    return text -> {
      if (text == null) {
        return null;
      }
      String out = text;
      for (Rule r : rules) {
        Matcher m = r.pattern().matcher(out);
        out = m.replaceAll(r.replacement());
      }
      return out;
    };
  }
}
