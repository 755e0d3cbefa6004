package dev.bulwark.logs.event;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One log event as flat fields, whatever format it came from. A name may carry several values
 * (unnamed EVTX {@code Data} elements, JSON arrays); lookups are exact first, then
 * case-insensitive, because Sigma rules and log producers disagree on case ({@code CommandLine} vs
 * {@code commandline}).
 */
public final class Event {
  private final String source;
  private String recordId;
  private Instant time;
  private final String format;
  private String[] names = new String[16];
  private String[] values = new String[16];
  private int size;
  private String[] lower;
  private Map<String, Integer> exact;
  private Map<String, Integer> folded;

  public Event(String source, String recordId, Instant time, String format) {
    this.source = source;
    this.recordId = recordId;
    this.time = time;
    this.format = format;
  }

  /** The file (or archive member) the event was read from. */
  public String source() {
    return source;
  }

  /** The record id for EVTX, the line number for text formats. */
  public String recordId() {
    return recordId;
  }

  /** Replaces the record id, when a JSON export carries the original one. */
  public void recordId(String value) {
    this.recordId = value;
  }

  public Instant time() {
    return time;
  }

  public void time(Instant value) {
    this.time = value;
  }

  /** evtx, json, syslog or csv. */
  public String format() {
    return format;
  }

  /** Adds a value; null values are kept as present-but-null, which Sigma's {@code null} matches. */
  public Event put(String name, String value) {
    if (size == names.length) {
      names = Arrays.copyOf(names, size * 2);
      values = Arrays.copyOf(values, size * 2);
    }
    names[size] = name;
    values[size] = value;
    size++;
    lower = null;
    exact = null;
    folded = null;
    return this;
  }

  /** Replaces every value of a field (or adds it). */
  public void set(String name, String value) {
    for (int i = 0; i < size; i++) {
      if (names[i].equals(name)) {
        values[i] = value;
        lower = null;
        return;
      }
    }
    put(name, value);
  }

  public int size() {
    return size;
  }

  public String name(int i) {
    return names[i];
  }

  public String value(int i) {
    return values[i];
  }

  /** The value in lower case, computed once per event because most Sigma matching ignores case. */
  public String lower(int i) {
    if (lower == null) {
      lower = new String[names.length];
    }
    String l = lower[i];
    if (l == null && values[i] != null) {
      l = values[i].toLowerCase(Locale.ROOT);
      lower[i] = l;
    }
    return l;
  }

  /** Indexes of every value of a field; empty when absent. */
  public int[] indexes(String name) {
    int first = index(name);
    if (first < 0) {
      return NONE;
    }
    String key = names[first];
    int count = 0;
    int[] out = new int[2];
    for (int i = first; i < size; i++) {
      if (names[i] == key || names[i].equals(key)) {
        if (count == out.length) {
          out = Arrays.copyOf(out, count * 2);
        }
        out[count++] = i;
      }
    }
    return count == out.length ? out : Arrays.copyOf(out, count);
  }

  private static final int[] NONE = new int[0];

  /** Whether the field is present at all (its value may still be null or empty). */
  public boolean has(String name) {
    return index(name) >= 0;
  }

  /** The first value of a field, or null when absent. */
  public String get(String name) {
    int i = index(name);
    return i < 0 ? null : values[i];
  }

  /** Every value of a field in order; empty when absent. */
  public List<String> all(String name) {
    int first = index(name);
    if (first < 0) {
      return List.of();
    }
    String key = names[first];
    List<String> out = new ArrayList<>(2);
    for (int i = first; i < size; i++) {
      if (names[i].equals(key) || names[i].equalsIgnoreCase(name)) {
        out.add(values[i]);
      }
    }
    return out;
  }

  /** Whether the field occurs more than once. */
  public boolean multi(String name) {
    int first = index(name);
    if (first < 0) {
      return false;
    }
    for (int i = first + 1; i < size; i++) {
      if (names[i].equalsIgnoreCase(names[first])) {
        return true;
      }
    }
    return false;
  }

  private int index(String name) {
    if (exact == null) {
      exact = new HashMap<>(size * 2);
      for (int i = size - 1; i >= 0; i--) {
        exact.put(names[i], i);
      }
    }
    Integer i = exact.get(name);
    if (i != null) {
      return i;
    }
    if (folded == null) {
      folded = new HashMap<>(size * 2);
      for (int j = size - 1; j >= 0; j--) {
        folded.put(names[j].toLowerCase(Locale.ROOT), j);
      }
    }
    i = folded.get(name.toLowerCase(Locale.ROOT));
    return i == null ? -1 : i;
  }

  /** Fields as an ordered map for reports; repeated names are joined in a list. */
  public Map<String, Object> toMap() {
    Map<String, Object> out = new java.util.LinkedHashMap<>();
    for (int i = 0; i < size; i++) {
      Object prev = out.get(names[i]);
      if (prev == null && !out.containsKey(names[i])) {
        out.put(names[i], values[i]);
      } else if (prev instanceof List<?> l) {
        @SuppressWarnings("unchecked")
        List<Object> list = (List<Object>) l;
        list.add(values[i]);
      } else {
        List<Object> list = new ArrayList<>();
        list.add(prev);
        list.add(values[i]);
        out.put(names[i], list);
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return source + "#" + recordId + " " + toMap();
  }
}
