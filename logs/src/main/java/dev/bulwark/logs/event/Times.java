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

  private static final DateTimeFormatter COMPACT_OFFSET =
      new DateTimeFormatterBuilder()
          .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
          .appendOffset("+HHMM", "Z")
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
        // Decimal, not double: Zeek's microseconds must survive.
        java.math.BigDecimal d = new java.math.BigDecimal(v.strip());
        if (d.compareTo(java.math.BigDecimal.valueOf(100_000_000_000_000L)) > 0) {
          d = d.movePointLeft(6);
        } else if (d.compareTo(java.math.BigDecimal.valueOf(100_000_000_000L)) > 0) {
          d = d.movePointLeft(3);
        }
        long secs = d.longValue();
        long nanos = d.subtract(java.math.BigDecimal.valueOf(secs)).movePointRight(9).longValue();
        return Instant.ofEpochSecond(secs, nanos);
      } catch (NumberFormatException | ArithmeticException | java.time.DateTimeException e) {
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
      return OffsetDateTime.parse(v, COMPACT_OFFSET).toInstant();
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
