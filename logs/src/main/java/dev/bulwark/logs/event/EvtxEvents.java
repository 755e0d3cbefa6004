package dev.bulwark.logs.event;

import dev.bulwark.logs.evtx.EvtxRecord;
import dev.bulwark.logs.evtx.XmlNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * Flattens event XML the way Sigma's Windows field names expect: {@code System} children by name
 * ({@code EventID}, {@code Channel}, {@code Computer}), their attributes as {@code
 * Element_Attribute} ({@code Provider_Name}, {@code TimeCreated_SystemTime}), named {@code
 * EventData/Data} by their {@code Name}, unnamed ones as a multi-valued {@code Data}, and {@code
 * UserData} leaves by element name.
 */
public final class EvtxEvents {
  private EvtxEvents() {}

  public static Event toEvent(String source, EvtxRecord record) {
    Event e = new Event(source, Long.toString(record.recordId()), record.written(), "evtx");
    XmlNode root = record.xml();
    for (XmlNode section : root.children()) {
      switch (section.name()) {
        case "System" -> system(section, e);
        case "EventData" -> eventData(section, e);
        default -> leaves(section, e);
      }
    }
    String t = e.get("TimeCreated_SystemTime");
    if (t != null) {
      try {
        e.time(Instant.parse(t));
      } catch (DateTimeParseException ignored) {
        // keep the record's write time
      }
    }
    return e;
  }

  private static void system(XmlNode system, Event e) {
    for (XmlNode c : system.children()) {
      if (c.children().isEmpty() && (!c.text().isEmpty() || c.attributes().isEmpty())) {
        e.put(c.name(), c.text());
      }
      for (Map.Entry<String, String> a : c.attributes().entrySet()) {
        e.put(c.name() + "_" + a.getKey(), a.getValue());
      }
    }
  }

  private static void eventData(XmlNode data, Event e) {
    for (XmlNode c : data.children()) {
      String name = c.attributes().get("Name");
      if ("Data".equals(c.name()) && name != null) {
        e.put(name, c.text());
        aliasWithoutSpaces(name, c.text(), e);
      } else if (c.children().isEmpty()) {
        e.put(c.name(), c.text());
      } else {
        leaves(c, e);
      }
    }
  }

  /**
   * Defender and a few other providers name data "Threat Name"; rules write ThreatName. Both names
   * are kept.
   */
  static void aliasWithoutSpaces(String name, String value, Event e) {
    if (name.indexOf(' ') >= 0) {
      e.put(name.replace(" ", ""), value);
    }
  }

  private static void leaves(XmlNode node, Event e) {
    for (XmlNode c : node.children()) {
      if (c.children().isEmpty()) {
        String name = c.attributes().get("Name");
        e.put(name != null && "Data".equals(c.name()) ? name : c.name(), c.text());
        for (Map.Entry<String, String> a : c.attributes().entrySet()) {
          if (!"Name".equals(a.getKey())) {
            e.put(c.name() + "_" + a.getKey(), a.getValue());
          }
        }
      } else {
        leaves(c, e);
      }
    }
  }
}
