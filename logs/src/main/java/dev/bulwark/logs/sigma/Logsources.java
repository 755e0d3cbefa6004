package dev.bulwark.logs.sigma;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.bulwark.logs.event.Event;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Routes events to Sigma log sources and maps field names, from YAML pipelines: each entry says
 * "when the event's fields look like this, it belongs to this log source, and these Sigma field
 * names read these event fields" (for example Security 4688's {@code NewProcessName} as {@code
 * Image}). The built-in pipeline covers Windows channels and Sysmon event ids, Sysmon for Linux,
 * syslog programs, Zeek, CloudTrail and ECS/Winlogbeat names; users add their own with the same
 * format.
 */
public final class Logsources {
  /** Made on first use: only user pipelines are YAML, and most hunts have none. */
  private static final class Yaml {
    static final ObjectMapper MAPPER = new ObjectMapper(new YAMLFactory());
  }

  /**
   * The built-in pipeline as JSON, generated from logsources.yml (LogsourcesJsonTest keeps the two
   * equal): every hunt reads it, and parsing the YAML cost a one-file hunt more CPU than matching
   * its events.
   */
  static final String BUILT_IN_JSON = "logsources.json";

  /** One pipeline entry. */
  record Entry(
      int order, Map<String, List<String>> when, Logsource logsource, Map<String, String> fields) {}

  private final List<Entry> generic = new ArrayList<>();

  /** Generic entries grouped by a field they require, so one absent field rules out a group. */
  private final Map<String, List<Entry>> genericByField = new LinkedHashMap<>();

  private final Map<String, List<Entry>> byChannel = new HashMap<>();
  private final List<Logsource> known = new ArrayList<>();

  private Logsources() {}

  /** The built-in pipeline. */
  public static Logsources builtIn() {
    Logsources l = new Logsources();
    try (InputStream in = Logsources.class.getResourceAsStream(BUILT_IN_JSON)) {
      l.add(new ObjectMapper().readTree(in), "built-in " + BUILT_IN_JSON);
    } catch (IOException | SigmaException e) {
      throw new IllegalStateException(
          "built-in log source pipeline is broken: " + e.getMessage(), e);
    }
    return l;
  }

  /** Adds a user pipeline file; its entries apply after the built-in ones. */
  public Logsources withPipeline(Path file) throws IOException, SigmaException {
    dev.bulwark.core.files.FileKind kind = dev.bulwark.core.files.FileKind.ofTarget(file);
    if (kind != dev.bulwark.core.files.FileKind.REGULAR) {
      throw new IOException(file + " is " + kind.description() + ", not a regular file");
    }
    try (InputStream in = Files.newInputStream(file)) {
      add(Yaml.MAPPER.readTree(in), file.toString());
    }
    return this;
  }

  private void add(JsonNode root, String where) throws SigmaException {
    JsonNode list = root != null && root.has("mappings") ? root.get("mappings") : root;
    if (list == null || !list.isArray()) {
      throw new SigmaException(where + ": expected a list of mappings");
    }
    int order = generic.size() + byChannel.values().stream().mapToInt(List::size).sum();
    for (JsonNode n : list) {
      Map<String, List<String>> when = new LinkedHashMap<>();
      JsonNode w = n.get("when");
      if (w != null) {
        for (Map.Entry<String, JsonNode> c : w.properties()) {
          List<String> values = new ArrayList<>();
          if (c.getValue().isArray()) {
            c.getValue().forEach(v -> values.add(v.asText().toLowerCase(Locale.ROOT)));
          } else {
            values.add(c.getValue().asText().toLowerCase(Locale.ROOT));
          }
          when.put(c.getKey(), values);
        }
      }
      JsonNode ls = n.get("logsource");
      Logsource logsource =
          ls == null
              ? null
              : new Logsource(text(ls, "product"), text(ls, "category"), text(ls, "service"));
      Map<String, String> fields = new LinkedHashMap<>();
      JsonNode f = n.get("fields");
      if (f != null) {
        f.properties().forEach(e -> fields.put(e.getKey(), e.getValue().asText()));
      }
      if (logsource == null && fields.isEmpty()) {
        throw new SigmaException(where + ": a mapping needs a logsource or fields: " + n);
      }
      Entry e = new Entry(order++, when, logsource, fields);
      List<String> channels = when.get("Channel");
      if (channels != null && channels.stream().noneMatch(c -> c.contains("*"))) {
        for (String c : channels) {
          byChannel.computeIfAbsent(c, k -> new ArrayList<>()).add(e);
        }
      } else {
        generic.add(e);
        String key = null;
        for (String field : when.keySet()) {
          if (!field.startsWith("$")) {
            key = field;
            break;
          }
        }
        genericByField.computeIfAbsent(key == null ? "$" : key, k -> new ArrayList<>()).add(e);
      }
      if (logsource != null) {
        known.add(logsource);
      }
    }
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  /** Whether some event could ever be routed to a rule with this log source. */
  public boolean routable(Logsource rule) {
    for (Logsource k : known) {
      if (rule.covers(k)) {
        return true;
      }
    }
    return false;
  }

  /** Adds mapped fields to the event and returns the log sources it belongs to. */
  public List<Logsource> route(Event e) {
    List<Logsource> out = new ArrayList<>(3);
    for (Map.Entry<String, List<Entry>> group : genericByField.entrySet()) {
      if (!group.getKey().equals("$") && !e.has(group.getKey())) {
        continue;
      }
      for (Entry entry : group.getValue()) {
        apply(entry, e, out);
      }
    }
    String channel = e.get("Channel");
    if (channel != null) {
      List<Entry> entries = byChannel.get(channel.toLowerCase(Locale.ROOT));
      if (entries != null) {
        for (Entry entry : entries) {
          apply(entry, e, out);
        }
      }
    }
    return out;
  }

  private static void apply(Entry entry, Event e, List<Logsource> out) {
    for (Map.Entry<String, List<String>> c : entry.when.entrySet()) {
      if (!test(e, c.getKey(), c.getValue())) {
        return;
      }
    }
    for (Map.Entry<String, String> f : entry.fields.entrySet()) {
      String target = f.getKey();
      String from = f.getValue();
      if (target.endsWith("*") && from.endsWith("*")) {
        String prefix = from.substring(0, from.length() - 1);
        int n = e.size();
        for (int i = 0; i < n; i++) {
          if (e.name(i).startsWith(prefix) && e.name(i).length() > prefix.length()) {
            String name =
                target.substring(0, target.length() - 1) + e.name(i).substring(prefix.length());
            if (!e.has(name)) {
              e.put(name, e.value(i));
            }
          }
        }
      } else if (!e.has(target)) {
        for (String v : e.all(from)) {
          e.put(target, v);
        }
      }
    }
    if (entry.logsource != null && !out.contains(entry.logsource)) {
      out.add(entry.logsource);
    }
  }

  private static boolean test(Event e, String field, List<String> values) {
    String v;
    if (field.equals("$format")) {
      v = e.format();
    } else if (field.equals("$file")) {
      String s = e.source().replace('\\', '/');
      v = s.substring(s.lastIndexOf('/') + 1);
    } else {
      v = e.get(field);
    }
    if (v == null) {
      return false;
    }
    String l = v.toLowerCase(Locale.ROOT);
    for (String want : values) {
      if (want.equals("*")
          || want.equals(l)
          || (want.endsWith("*") && l.startsWith(want.substring(0, want.length() - 1)))) {
        return true;
      }
    }
    return false;
  }
}
