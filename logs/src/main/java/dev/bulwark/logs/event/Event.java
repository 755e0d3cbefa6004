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
  private Layout layout;

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
    layout = null;
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

  /**
   * The position of a field's first value, or -1; with {@link #next} this walks every value without
   * allocating, which matters when thousands of rules look at each event.
   */
  public int first(String name) {
    return index(name);
  }

  /** The position of the next value of the same field after {@code i}, or -1. */
  public int next(int i) {
    if (layout == null) {
      layout = Layout.of(names, size);
    }
    return layout.next[i];
  }

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
    if (layout == null) {
      layout = Layout.of(names, size);
    }
    return layout.index(name);
  }

  /**
   * The name index of an event: where each field's first value is, the chain to its next value, and
   * a case-insensitive fallback. Events of one kind (one EVTX template, one JSON shape) have the
   * same names in the same order, so the index is built once per shape and shared.
   */
  private static final class Layout {
    private static final int MAX_CACHED = 4_096;
    private static final Map<Key, Layout> CACHE = new java.util.concurrent.ConcurrentHashMap<>();

    final int[] next;
    private final Map<String, Integer> exact;
    private final java.util.TreeMap<String, Integer> folded =
        new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final Map<String, Integer> resolved = new java.util.concurrent.ConcurrentHashMap<>();

    private Layout(String[] names, int size) {
      exact = new HashMap<>(size * 2);
      next = new int[size];
      for (int i = size - 1; i >= 0; i--) {
        Integer later = exact.put(names[i], i);
        next[i] = later == null ? -1 : later;
        folded.put(names[i], i);
      }
    }

    static Layout of(String[] names, int size) {
      Key probe = new Key(names, size);
      Layout l = CACHE.get(probe);
      if (l == null) {
        l = new Layout(names, size);
        if (CACHE.size() < MAX_CACHED) {
          CACHE.putIfAbsent(new Key(Arrays.copyOf(names, size), size), l);
        }
      }
      return l;
    }

    int index(String name) {
      Integer i = exact.get(name);
      if (i != null) {
        return i;
      }
      // Most misses are fields this kind of event lacks, asked for by rule after rule: remember
      // the answer per name instead of searching case-insensitively each time.
      i = resolved.get(name);
      if (i == null) {
        Integer f = folded.get(name);
        i = f == null ? -1 : f;
        if (resolved.size() < 4096) {
          resolved.put(name, i);
        }
      }
      return i;
    }

    /** The field names in order; the hash is computed once. */
    private static final class Key {
      final String[] names;
      final int size;
      final int hash;

      Key(String[] names, int size) {
        this.names = names;
        this.size = size;
        int h = size;
        for (int i = 0; i < size; i++) {
          h = 31 * h + names[i].hashCode();
        }
        this.hash = h;
      }

      @Override
      public boolean equals(Object o) {
        if (!(o instanceof Key k) || k.size != size || k.hash != hash) {
          return false;
        }
        for (int i = 0; i < size; i++) {
          if (!names[i].equals(k.names[i])) {
            return false;
          }
        }
        return true;
      }

      @Override
      public int hashCode() {
        return hash;
      }
    }
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
