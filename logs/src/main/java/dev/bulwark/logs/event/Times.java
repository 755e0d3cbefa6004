package dev.bulwark.logs.event;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;

/** Timestamp formats seen in logs, all read as UTC unless they carry an offset. */
public final class Times {
  private static final DateTimeFormatter SPACED =
      new DateTimeFormatterBuilder()
          .appendPattern("yyyy-MM-dd[' ']['T']HH:mm:ss")
          .optionalStart()
          .appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true)
          .optionalEnd()
          .toFormatter();

  private Times() {}

  /** Returns null when the text is not a recognisable time. */
  public static Instant parse(String v) {
    if (v == null || v.isEmpty()) {
      return null;
    }
    char c = v.charAt(0);
    if (c >= '0' && c <= '9' && v.indexOf('-') < 0) {
      try {
        double d = Double.parseDouble(v);
        if (d > 1e14) {
          return Instant.ofEpochMilli((long) (d / 1000));
        }
        if (d > 1e11) {
          return Instant.ofEpochMilli((long) d);
        }
        long secs = (long) d;
        return Instant.ofEpochSecond(secs, Math.round((d - secs) * 1e9));
      } catch (NumberFormatException e) {
        return null;
      }
    }
    try {
      return Instant.parse(v);
    } catch (DateTimeParseException ignored) {
      // try the next format
    }
    try {
      return OffsetDateTime.parse(v).toInstant();
    } catch (DateTimeParseException ignored) {
      // try the next format
    }
    try {
      return LocalDateTime.parse(v, SPACED).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException ignored) {
      return null;
    }
  }
}
