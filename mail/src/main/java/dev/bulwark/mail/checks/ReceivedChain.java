package dev.bulwark.mail.checks;

import dev.bulwark.mail.message.MailMessage;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The relays a message passed, from its Received headers (the newest on top), and what does not add
 * up: a relay that claims to have handled the message well after the relay above it did — a sign of
 * Received headers written by the sender to fake a route — and a Date header far from when the
 * first relay took the message.
 */
final class ReceivedChain {
  /**
   * Relays' clocks drift by hours (and zones are misconfigured); a forged route's invented times
   * are usually off by far more. Beyond these, the times contradict each other.
   */
  private static final Duration SKEW = Duration.ofHours(12);

  private static final Duration DATE_GAP = Duration.ofHours(48);

  private ReceivedChain() {}

  /** Times of the relays that can be read, newest first. */
  static List<ZonedDateTime> hops(MailMessage m) {
    List<ZonedDateTime> hops = new ArrayList<>();
    for (String received : m.all("Received")) {
      ZonedDateTime t = when(received.substring(received.lastIndexOf(';') + 1));
      if (t != null) {
        hops.add(t);
      }
    }
    return hops;
  }

  /** A relay claiming to have handled the message well after the relay above it did. */
  static final class OutOfOrder implements MailCheck {
    private static final MailRule RULE =
        new MailRule(
            "received-out-of-order",
            2,
            MailRule.Weight.SUPPORTING,
            MailRule.Part.ROUTE,
            "A Received header is dated well after the one above it (a forged route?)");

    @Override
    public MailRule rule() {
      return RULE;
    }

    @Override
    public void check(MailMessage m, CheckContext c, Reasons out) {
      List<ZonedDateTime> hops = hops(m);
      for (int i = 0; i + 1 < hops.size(); i++) {
        ZonedDateTime newer = hops.get(i);
        ZonedDateTime older = hops.get(i + 1);
        if (older.isAfter(newer.plus(SKEW))) {
          out.add(
              "a relay says it received the message at "
                  + older.toOffsetDateTime()
                  + ", after the next relay had it at "
                  + newer.toOffsetDateTime()
                  + " (a forged route?)",
              "header:Received");
          return;
        }
      }
    }
  }

  /** A Date header far from when the first relay took the message. */
  static final class DateMismatch implements MailCheck {
    private static final MailRule RULE =
        new MailRule(
            "date-mismatch",
            1,
            MailRule.Weight.SUPPORTING,
            MailRule.Part.ROUTE,
            "The Date header is days away from when the first relay received the message");

    @Override
    public MailRule rule() {
      return RULE;
    }

    @Override
    public void check(MailMessage m, CheckContext c, Reasons out) {
      List<ZonedDateTime> hops = hops(m);
      ZonedDateTime date = m.header("Date") == null ? null : when(m.header("Date"));
      if (date != null && !hops.isEmpty()) {
        ZonedDateTime first = hops.get(hops.size() - 1);
        Duration gap = Duration.between(date, first).abs();
        if (gap.compareTo(DATE_GAP) > 0) {
          out.add(
              "the message is dated "
                  + date.toOffsetDateTime()
                  + " but its first relay received it "
                  + gap.toDays()
                  + " days "
                  + (date.isBefore(first) ? "later" : "earlier"),
              "header:Date");
        }
      }
    }
  }

  /** An RFC 5322 date, leniently: comments, doubled spaces and a missing weekday are allowed. */
  static ZonedDateTime when(String text) {
    String t = text.replaceAll("\\([^)]*\\)", " ").replaceAll("\\s+", " ").strip();
    if (t.matches("(?i)^[a-z]{3}, .*")) {
      t = t.substring(5);
    }
    try {
      ZonedDateTime d = ZonedDateTime.parse(t, FORMAT);
      // RFC 5322's obsolete two-digit years (50–99 are 19xx, the rest 20xx), and the three-digit
      // years of mailers that wrote "years since 1900"
      int y = d.getYear();
      return y < 100 ? d.plusYears(y >= 50 ? 1900 : 2000) : y < 200 ? d.plusYears(1900) : d;
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static final DateTimeFormatter FORMAT =
      new java.time.format.DateTimeFormatterBuilder()
          .parseCaseInsensitive()
          .parseLenient()
          .appendPattern("d MMM yyyy H:mm[:ss] ")
          .optionalStart()
          .appendOffset("+HHMM", "+0000")
          .optionalEnd()
          .optionalStart()
          .appendZoneText(java.time.format.TextStyle.SHORT)
          .optionalEnd()
          .toFormatter(Locale.ENGLISH);
}
