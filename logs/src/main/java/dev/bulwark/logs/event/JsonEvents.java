package dev.bulwark.logs.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;

/**
 * Turns one JSON log object into an event. Windows events rendered as JSON ({@code
 * Event.System}/{@code Event.EventData} with {@code #attributes} and {@code #text}) flatten exactly
 * as EVTX does; everything else (Sysmon for Linux, OTRF, ECS, Zeek, Suricata EVE, CloudTrail
 * records) flattens nested objects with dotted names and arrays into repeated values.
 */
public final class JsonEvents {
  private static final String[] TIME_FIELDS = {
    "@timestamp",
    "TimeCreated_SystemTime",
    "timestamp",
    "eventTime",
    "ts",
    "TimeCreated",
    "EventTime",
    "UtcTime",
    "time",
    "date"
  };

  private JsonEvents() {}

  public static Event toEvent(String source, String recordId, JsonNode node) {
    JsonNode win = node.get("Event");
    if (win != null && win.isObject() && win.has("System")) {
      return windows(source, recordId, win);
    }
    Event e = new Event(source, recordId, null, "json");
    flatten("", node, e);
    e.time(time(e));
    originalRecordId(e);
    return e;
  }

  private static Event windows(String source, String recordId, JsonNode win) {
    Event e = new Event(source, recordId, null, "json");
    for (Map.Entry<String, JsonNode> section : win.properties()) {
      switch (section.getKey()) {
        case "System" -> {
          for (Map.Entry<String, JsonNode> f : section.getValue().properties()) {
            JsonNode v = f.getValue();
            if (v.isObject()) {
              if (v.has("#text")) {
                e.put(f.getKey(), scalar(v.get("#text")));
              }
              JsonNode attrs = v.get("#attributes");
              if (attrs != null) {
                for (Map.Entry<String, JsonNode> at : attrs.properties()) {
                  e.put(f.getKey() + "_" + at.getKey(), scalar(at.getValue()));
                }
              }
            } else if (!v.isNull()) {
              e.put(f.getKey(), scalar(v));
            }
          }
        }
        case "#attributes" -> {}
        default -> leaves(section.getValue(), e);
      }
    }
    EvtxEvents.renderMessageCodes(e);
    originalRecordId(e);
    String t = e.get("TimeCreated_SystemTime");
    e.time(t == null ? null : parseTime(t));
    return e;
  }

  /** Windows events exported as JSON keep their EVTX record id; cite that, not the line. */
  private static void originalRecordId(Event e) {
    String id = e.get("EventRecordID");
    if (id == null) {
      id = e.get("RecordNumber");
    }
    if (id != null && !id.isEmpty()) {
      e.recordId(id);
    }
  }

  private static void leaves(JsonNode node, Event e) {
    for (Map.Entry<String, JsonNode> f : node.properties()) {
      JsonNode v = f.getValue();
      if ("#attributes".equals(f.getKey())) {
        continue;
      }
      if (v.isObject()) {
        if (v.has("#text")) {
          values(f.getKey(), v.get("#text"), e);
        } else {
          leaves(v, e);
        }
      } else {
        values(f.getKey(), v, e);
      }
    }
  }

  private static void values(String name, JsonNode v, Event e) {
    if (v.isArray()) {
      for (JsonNode item : v) {
        e.put(name, scalar(item));
      }
    } else {
      e.put(name, scalar(v));
      EvtxEvents.aliasWithoutSpaces(name, scalar(v), e);
    }
  }

  private static void flatten(String prefix, JsonNode node, Event e) {
    for (Map.Entry<String, JsonNode> f : node.properties()) {
      String name = prefix.isEmpty() ? f.getKey() : prefix + "." + f.getKey();
      JsonNode v = f.getValue();
      if (v.isObject()) {
        flatten(name, v, e);
      } else if (v.isArray()) {
        for (JsonNode item : v) {
          if (item.isObject()) {
            flatten(name, item, e);
          } else {
            e.put(name, scalar(item));
          }
        }
      } else {
        e.put(name, scalar(v));
      }
    }
  }

  private static String scalar(JsonNode v) {
    if (v == null || v.isNull()) {
      return null;
    }
    return v.isValueNode() ? v.asText() : v.toString();
  }

  private static Instant time(Event e) {
    for (String f : TIME_FIELDS) {
      String v = e.get(f);
      if (v != null) {
        Instant t = parseTime(v);
        if (t != null) {
          return t;
        }
      }
    }
    return null;
  }

  /** Parses ISO-8601, "yyyy-MM-dd HH:mm:ss[.fff]" (UTC) and epoch seconds or milliseconds. */
  public static Instant parseTime(String v) {
    return Times.parse(v);
  }
}
