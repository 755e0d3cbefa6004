package dev.bulwark.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.logs.hunt.Detection;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * A detection as the job passes it on and stores it: flat, so that Flink serialises it without
 * reflection on the engine's types. {@code id} is derived from what was detected (rule, event or
 * group and window), never from when or where it was computed, so that a replay after a failure
 * writes the same ids and the store keeps one row each.
 *
 * @param time the event time (ISO-8601), or null when the event had none
 * @param members the detections a correlation counted, one a line: id, source and record id,
 *     tab-separated
 */
public record Alert(
    String id,
    String ruleId,
    String ruleTitle,
    String level,
    String time,
    String source,
    String recordId,
    String host,
    String user,
    String channel,
    String eventId,
    String summary,
    String fields,
    String members,
    boolean correlation) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A single event's detection. */
  static Alert of(Detection d) {
    return new Alert(
        eventId(
            ruleKey(d.rule().id(), d.ruleTitle()),
            d.time() == null ? null : d.time().toString(),
            d.source(),
            d.recordId()),
        d.rule().id(),
        d.ruleTitle(),
        d.severity().name(),
        d.time() == null ? null : d.time().toString(),
        d.source(),
        d.recordId(),
        d.host(),
        d.user(),
        d.channel(),
        d.eventId(),
        d.summary(),
        json(d.fields()),
        "",
        false);
  }

  /** The id of a single event's detection by {@code ruleKey}. */
  static String eventId(String ruleKey, String time, String source, String recordId) {
    return hash("event", ruleKey, time, source, recordId);
  }

  static String ruleKey(String id, String title) {
    return id != null ? id : title;
  }

  static String json(Map<String, Object> fields) {
    try {
      return JSON.writeValueAsString(fields);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("fields do not serialise: " + e.getMessage(), e);
    }
  }

  /** A hex SHA-256 of the parts, each length-prefixed so that no two lists hash alike. */
  static String hash(String... parts) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (String p : parts) {
        byte[] b = p == null ? new byte[0] : p.getBytes(StandardCharsets.UTF_8);
        md.update((byte) (p == null ? 0 : 1));
        md.update(Integer.toString(b.length).getBytes(StandardCharsets.UTF_8));
        md.update((byte) ':');
        md.update(b);
      }
      return HexFormat.of().formatHex(md.digest(), 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
