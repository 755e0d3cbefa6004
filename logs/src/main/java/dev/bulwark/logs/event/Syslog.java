package dev.bulwark.logs.event;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses syslog lines: RFC 5424 ({@code <PRI>1 TIMESTAMP HOST APP PROCID MSGID [SD] MSG}) and RFC
 * 3164 / BSD files ({@code [<PRI>]Mmm dd hh:mm:ss HOST TAG[PID]: MSG}, as written to
 * /var/log/auth.log). BSD lines carry no year; the caller supplies one.
 */
public final class Syslog {
  private static final String[] FACILITIES = {
    "kern",
    "user",
    "mail",
    "daemon",
    "auth",
    "syslog",
    "lpr",
    "news",
    "uucp",
    "cron",
    "authpriv",
    "ftp",
    "ntp",
    "security",
    "console",
    "solaris-cron",
    "local0",
    "local1",
    "local2",
    "local3",
    "local4",
    "local5",
    "local6",
    "local7"
  };
  private static final String[] SEVERITIES = {
    "emerg", "alert", "crit", "err", "warning", "notice", "info", "debug"
  };
  private static final Pattern RFC5424 =
      Pattern.compile(
          "<(\\d{1,3})>1 (\\S+) (\\S+) (\\S+) (\\S+) (\\S+) (-|(?:\\[(?:[^\\]\\\\]|\\\\.)*\\])+) ?(.*)",
          Pattern.DOTALL);
  private static final Pattern RFC3164 =
      Pattern.compile(
          "(?:<(\\d{1,3})>)?([A-Z][a-z]{2}) +(\\d{1,2}) (\\d{2}):(\\d{2}):(\\d{2}) (\\S+) ([^:\\[\\s]+)(?:\\[(\\d+)\\])?: ?(.*)",
          Pattern.DOTALL);
  private static final Pattern SD_ELEMENT =
      Pattern.compile("\\[(\\S+?)((?: \\S+?=\"(?:[^\"\\\\]|\\\\.)*\")*)\\]");
  private static final Pattern SD_PARAM = Pattern.compile("(\\S+?)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  private Syslog() {}

  /** Whether a line looks like syslog of either flavour. */
  public static boolean looksLike(String line) {
    return RFC5424.matcher(line).lookingAt() || RFC3164.matcher(line).lookingAt();
  }

  /** Parses a line, or returns null when it is not syslog. */
  public static Event parse(String source, long lineNo, String line, int year) {
    Matcher m = RFC5424.matcher(line);
    if (m.matches()) {
      Event e = new Event(source, Long.toString(lineNo), Times.parse(m.group(2)), "syslog");
      priority(m.group(1), e);
      e.put("host", nil(m.group(3)));
      e.put("program", nil(m.group(4)));
      e.put("pid", nil(m.group(5)));
      e.put("msgid", nil(m.group(6)));
      if (!"-".equals(m.group(7))) {
        Matcher sd = SD_ELEMENT.matcher(m.group(7));
        while (sd.find()) {
          Matcher p = SD_PARAM.matcher(sd.group(2));
          while (p.find()) {
            e.put(sd.group(1) + "." + p.group(1), p.group(2).replaceAll("\\\\([\"\\\\\\]])", "$1"));
          }
        }
      }
      String msg = m.group(8);
      e.put("message", msg.startsWith("\uFEFF") ? msg.substring(1) : msg);
      return e;
    }
    m = RFC3164.matcher(line);
    if (m.matches()) {
      Instant t = null;
      try {
        Month month = Month.valueOf(monthName(m.group(2)));
        t =
            LocalDateTime.of(
                    year,
                    month,
                    Integer.parseInt(m.group(3)),
                    Integer.parseInt(m.group(4)),
                    Integer.parseInt(m.group(5)),
                    Integer.parseInt(m.group(6)))
                .toInstant(ZoneOffset.UTC);
      } catch (RuntimeException ignored) {
        // an impossible date keeps the event without a time
      }
      Event e = new Event(source, Long.toString(lineNo), t, "syslog");
      if (m.group(1) != null) {
        priority(m.group(1), e);
      }
      e.put("host", m.group(7));
      e.put("program", m.group(8));
      if (m.group(9) != null) {
        e.put("pid", m.group(9));
      }
      e.put("message", m.group(10));
      return e;
    }
    return null;
  }

  private static String monthName(String abbrev) {
    for (Month mo : Month.values()) {
      if (mo.name().substring(0, 3).equalsIgnoreCase(abbrev)) {
        return mo.name();
      }
    }
    throw new IllegalArgumentException(abbrev);
  }

  private static void priority(String pri, Event e) {
    int p = Integer.parseInt(pri);
    if (p <= 191) {
      e.put("facility", FACILITIES[p >> 3]);
      e.put("severity", SEVERITIES[p & 7]);
    }
  }

  private static String nil(String v) {
    return "-".equals(v) ? null : v;
  }

  static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
