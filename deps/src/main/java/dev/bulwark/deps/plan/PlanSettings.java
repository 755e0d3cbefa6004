package dev.bulwark.deps.plan;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.core.config.ConfigShape;
import dev.bulwark.core.errors.InputException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;

/**
 * How a team patches, from the {@code deps:} section of bulwark.yaml:
 *
 * <pre>
 * deps:
 *   assets:
 *     exposure: open               # SSVC system exposure: small, controlled, open
 *     safety-impact: negligible    # negligible, marginal, critical, catastrophic
 *     mission-impact: degraded     # degraded, mef support crippled, mef failure, mission failure
 *   windows:
 *     first: 2026-12-01T22:00      # first maintenance window (local time of zone)
 *     zone: UTC
 *     every: 7d                    # recurrence
 *     duration: 2h
 *     capacity: 10                 # upgrades per window
 *   sla:                           # longest time to patch per severity; KEV due dates always apply
 *     critical: 7d
 *     high: 30d
 *     medium: 90d
 *     low: 180d
 * </pre>
 */
public record PlanSettings(
    String exposure,
    String safetyImpact,
    String missionImpact,
    ZonedDateTime firstWindow,
    Duration every,
    Duration windowLength,
    int capacity,
    Map<String, Duration> sla) {

  /** The keys the {@code deps:} section may hold. */
  public static final ConfigShape KEYS =
      ConfigShape.keys()
          .with("assets", ConfigShape.keys("exposure", "safety-impact", "mission-impact"))
          .with("windows", ConfigShape.keys("first", "zone", "every", "duration", "capacity"))
          .with("sla", ConfigShape.keys("critical", "high", "medium", "low"));

  public static PlanSettings from(JsonNode deps, ZonedDateTime now) throws InputException {
    JsonNode assets = deps.path("assets");
    JsonNode w = deps.path("windows");
    ZoneId zone;
    try {
      zone = ZoneId.of(w.path("zone").asText("UTC"));
    } catch (RuntimeException e) {
      throw new InputException(
          "deps.windows.zone: unknown time zone '" + w.path("zone").asText() + "'", e);
    }
    ZonedDateTime first;
    if (w.hasNonNull("first")) {
      try {
        first = LocalDateTime.parse(w.path("first").asText()).atZone(zone);
      } catch (DateTimeParseException e) {
        throw new InputException(
            "deps.windows.first: expected a date and time like 2026-12-01T22:00, got '"
                + w.path("first").asText()
                + "'",
            e);
      }
    } else {
      // by default: Tuesdays 22:00 in the zone, from the next one on
      ZonedDateTime t =
          now.withZoneSameInstant(zone).withHour(22).withMinute(0).withSecond(0).withNano(0);
      while (t.getDayOfWeek() != java.time.DayOfWeek.TUESDAY || !t.isAfter(now)) {
        t = t.plusDays(1);
      }
      first = t;
    }
    JsonNode s = deps.path("sla");
    Map<String, Duration> sla =
        Map.of(
            "critical", duration(s.path("critical").asText("7d"), "deps.sla.critical"),
            "high", duration(s.path("high").asText("30d"), "deps.sla.high"),
            "medium", duration(s.path("medium").asText("90d"), "deps.sla.medium"),
            "low", duration(s.path("low").asText("180d"), "deps.sla.low"));
    int capacity = w.path("capacity").asInt(10);
    if (capacity < 1) {
      throw new InputException("deps.windows.capacity must be at least 1, got " + capacity);
    }
    return new PlanSettings(
        assets.path("exposure").asText("open").toLowerCase(Locale.ROOT),
        assets.path("safety-impact").asText("negligible").toLowerCase(Locale.ROOT),
        assets.path("mission-impact").asText("degraded").toLowerCase(Locale.ROOT),
        first,
        duration(w.path("every").asText("7d"), "deps.windows.every"),
        duration(w.path("duration").asText("2h"), "deps.windows.duration"),
        capacity,
        sla);
  }

  static Duration duration(String text, String key) throws InputException {
    String t = text.strip().toLowerCase(Locale.ROOT);
    try {
      long n = Long.parseLong(t.substring(0, t.length() - 1));
      return switch (t.charAt(t.length() - 1)) {
        case 'd' -> Duration.ofDays(n);
        case 'h' -> Duration.ofHours(n);
        case 'w' -> Duration.ofDays(7 * n);
        case 'm' -> Duration.ofMinutes(n);
        default -> throw new NumberFormatException();
      };
    } catch (RuntimeException e) {
      throw new InputException(
          key + ": expected a duration like 7d, 12h or 2w, got '" + text + "'", e);
    }
  }
}
