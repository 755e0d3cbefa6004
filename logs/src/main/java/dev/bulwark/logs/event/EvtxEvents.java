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
    renderMessageCodes(e);
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
   * Security events store access rights as message codes ("%%4417") that Event Viewer renders from
   * msobjs.dll ("WriteData (or AddFile)"). Rules are written against either form, so the rendered
   * text is added as a second value of the same field.
   */
  static void renderMessageCodes(Event e) {
    int n = e.size();
    for (int i = 0; i < n; i++) {
      String v = e.value(i);
      if (v == null || !v.contains("%%")) {
        continue;
      }
      java.util.regex.Matcher m = CODE.matcher(v);
      StringBuilder out = new StringBuilder();
      boolean changed = false;
      while (m.find()) {
        String name = MESSAGES.get(Integer.parseInt(m.group(1)));
        changed |= name != null;
        m.appendReplacement(
            out, java.util.regex.Matcher.quoteReplacement(name == null ? m.group() : name));
      }
      m.appendTail(out);
      if (changed) {
        e.put(e.name(i), out.toString());
      }
    }
  }

  private static final java.util.regex.Pattern CODE =
      java.util.regex.Pattern.compile("%%(\\d{3,5})");
  private static final Map<Integer, String> MESSAGES =
      Map.ofEntries(
          Map.entry(1537, "DELETE"),
          Map.entry(1538, "READ_CONTROL"),
          Map.entry(1539, "WRITE_DAC"),
          Map.entry(1540, "WRITE_OWNER"),
          Map.entry(1541, "SYNCHRONIZE"),
          Map.entry(1542, "ACCESS_SYS_SEC"),
          Map.entry(1842, "Yes"),
          Map.entry(1843, "No"),
          Map.entry(4416, "ReadData (or ListDirectory)"),
          Map.entry(4417, "WriteData (or AddFile)"),
          Map.entry(4418, "AppendData (or AddSubdirectory or CreatePipeInstance)"),
          Map.entry(4419, "ReadEA"),
          Map.entry(4420, "WriteEA"),
          Map.entry(4421, "Execute/Traverse"),
          Map.entry(4422, "DeleteChild"),
          Map.entry(4423, "ReadAttributes"),
          Map.entry(4424, "WriteAttributes"),
          Map.entry(4432, "Query key value"),
          Map.entry(4433, "Set key value"),
          Map.entry(4434, "Create sub-key"),
          Map.entry(4435, "Enumerate sub-keys"),
          Map.entry(4436, "Notify about changes to keys"),
          Map.entry(4437, "Create Link"));

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
