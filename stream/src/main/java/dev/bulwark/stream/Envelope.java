package dev.bulwark.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.logs.event.Event;
import dev.bulwark.logs.event.JsonEvents;
import java.time.Instant;

/**
 * How an event travels on a Kafka topic. Bulwark's shipper sends each event as read (EVTX records,
 * Zeek, syslog, JSON lines alike) in an envelope that keeps its file, record id, time, format and
 * every field in order, so the job sees exactly what an in-process hunt sees. Any other JSON object
 * on the topic (Winlogbeat, Sysmon for Linux, Zeek JSON, Cowrie written by their own shippers) is
 * read as a JSON line is, named by its topic, partition and offset.
 */
public final class Envelope {
  /** The member that marks an envelope; no log format names a field so. */
  static final String MARK = "bulwark.event";

  private static final ObjectMapper JSON = new ObjectMapper();

  private Envelope() {}

  /** The event as an envelope (one line of JSON). */
  public static String write(Event e, String source) {
    ObjectNode o = JSON.createObjectNode();
    o.put(MARK, 1);
    o.put("source", source);
    o.put("recordId", e.recordId());
    if (e.time() != null) {
      o.put("time", e.time().toString());
    }
    o.put("format", e.format());
    ArrayNode fields = o.putArray("fields");
    for (int i = 0; i < e.size(); i++) {
      fields.add(e.name(i));
      fields.add(e.value(i));
    }
    try {
      return JSON.writeValueAsString(o);
    } catch (JsonProcessingException ex) {
      throw new IllegalStateException("an event does not serialise: " + ex.getMessage(), ex);
    }
  }

  /**
   * The event a topic's record carries, or null when the record is not a JSON object. {@code
   * origin} names records that are not envelopes (topic/partition@offset).
   */
  public static Event read(String value, String origin) {
    JsonNode node;
    try {
      node = JSON.readTree(value);
    } catch (JsonProcessingException ex) {
      return null;
    }
    if (node == null || !node.isObject()) {
      return null;
    }
    if (!node.has(MARK)) {
      int at = origin.lastIndexOf('@');
      return JsonEvents.toEvent(
          at < 0 ? origin : origin.substring(0, at),
          at < 0 ? null : origin.substring(at + 1),
          node);
    }
    JsonNode time = node.get("time");
    Event e =
        new Event(
            text(node, "source"),
            text(node, "recordId"),
            time == null || time.isNull() ? null : Instant.parse(time.asText()),
            text(node, "format"));
    JsonNode fields = node.get("fields");
    for (int i = 0; fields != null && i + 1 < fields.size(); i += 2) {
      JsonNode v = fields.get(i + 1);
      e.put(fields.get(i).asText(), v.isNull() ? null : v.asText());
    }
    return e;
  }

  private static String text(JsonNode n, String name) {
    JsonNode v = n.get(name);
    return v == null || v.isNull() ? null : v.asText();
  }
}
