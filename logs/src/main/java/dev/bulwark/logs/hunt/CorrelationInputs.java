package dev.bulwark.logs.hunt;

import dev.bulwark.logs.event.Event;
import dev.bulwark.logs.sigma.SigmaRule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The matches a hunt keeps as input to correlations, in columns: per rule the time, where the event
 * came from, and only the fields that the rule's correlations group by or measure, with repeated
 * strings (hosts, users, channels, field values) stored once. A million matches of a noisy rule
 * cost tens of megabytes this way, where a million whole detections cost a gigabyte. Beyond a byte
 * budget further matches are counted, not kept, so memory stays bounded whatever the input.
 */
final class CorrelationInputs {
  /** Estimated bytes per kept match before its strings: six ints, two longs and array slack. */
  private static final int ROW_BYTES = 56;

  /** Marks a record id that is not a plain number (kept as a string beside the numbers). */
  private static final long NOT_NUMERIC = Long.MIN_VALUE;

  private final long budgetBytes;
  private final Map<SigmaRule, Column> columns = new LinkedHashMap<>();
  private final Map<String, Integer> ids = new HashMap<>();
  private final List<String> strings = new ArrayList<>();
  private long bytes;
  private long dropped;

  CorrelationInputs(long budgetBytes) {
    this.budgetBytes = budgetBytes;
    strings.add(null); // id 0 is "absent"
  }

  /** The budget a hunt gets by default: a fifth of the heap, at least 16 MB. */
  static long defaultBudget() {
    return Math.max(16L << 20, Runtime.getRuntime().maxMemory() / 5);
  }

  /** Declares a correlated rule and the event fields its correlations read. */
  void declare(SigmaRule rule, List<String> fields) {
    columns.put(rule, new Column(rule, fields.toArray(String[]::new)));
  }

  /** Keeps one match of a declared rule; false when the budget is spent (the match is counted). */
  synchronized boolean add(SigmaRule rule, Event e) {
    Column c = columns.get(rule);
    if (c == null || e.time() == null) {
      return c != null;
    }
    if (bytes > budgetBytes) {
      dropped++;
      return false;
    }
    c.add(this, e);
    return true;
  }

  synchronized long dropped() {
    return dropped;
  }

  synchronized long kept() {
    long n = 0;
    for (Column c : columns.values()) {
      n += c.size;
    }
    return n;
  }

  Iterable<Column> columns() {
    return columns.values();
  }

  private int id(String s) {
    if (s == null) {
      return 0;
    }
    Integer id = ids.get(s);
    if (id == null) {
      id = strings.size();
      strings.add(s);
      ids.put(s, id);
      bytes += 64 + 2L * s.length(); // the string, its map entry and list slot
    }
    return id;
  }

  /** One rule's kept matches; rows are read back by index. */
  final class Column {
    final SigmaRule rule;
    private final String[] fields;
    private long[] times = new long[16];
    private int[] refs = new int[16 * 6];
    private int[] values;
    // Record ids are mostly numbers (EVTX record ids, line numbers): kept as longs, and only the
    // others as strings.
    private long[] recordNumbers = new long[16];
    private Map<Integer, String> otherRecordIds;
    private int size;

    private Column(SigmaRule rule, String[] fields) {
      this.rule = rule;
      this.fields = fields;
      this.values = new int[16 * Math.max(1, fields.length)];
    }

    int size() {
      return size;
    }

    Instant time(int row) {
      return Instant.ofEpochMilli(times[row]);
    }

    private void add(CorrelationInputs in, Event e) {
      if (size == times.length) {
        int n = size * 2;
        times = Arrays.copyOf(times, n);
        refs = Arrays.copyOf(refs, n * 6);
        values = Arrays.copyOf(values, n * Math.max(1, fields.length));
        recordNumbers = Arrays.copyOf(recordNumbers, n);
      }
      times[size] = e.time().toEpochMilli();
      int r = size * 6;
      refs[r] = in.id(e.source());
      refs[r + 1] = in.id(EventFacts.host(e));
      refs[r + 2] = in.id(EventFacts.user(e));
      refs[r + 3] = in.id(e.get("Channel"));
      refs[r + 4] = in.id(e.get("EventID"));
      refs[r + 5] = 0;
      for (int f = 0; f < fields.length; f++) {
        values[size * fields.length + f] = in.id(e.get(fields[f]));
      }
      String recordId = e.recordId();
      long number = number(recordId);
      recordNumbers[size] = number;
      if (number == NOT_NUMERIC && recordId != null) {
        if (otherRecordIds == null) {
          otherRecordIds = new HashMap<>();
        }
        otherRecordIds.put(size, recordId);
        in.bytes += 64 + 2L * recordId.length();
      }
      in.bytes += ROW_BYTES + 4L * fields.length;
      size++;
    }

    private String recordId(int row) {
      long n = recordNumbers[row];
      if (n != NOT_NUMERIC) {
        return Long.toString(n);
      }
      return otherRecordIds == null ? null : otherRecordIds.get(row);
    }

    /** The value of one of the declared fields on a row, or null. */
    String field(int row, String name) {
      for (int f = 0; f < fields.length; f++) {
        if (fields[f].equals(name)) {
          return strings.get(values[row * fields.length + f]);
        }
      }
      return null;
    }

    /** The row as a detection carrying only the declared fields. */
    Detection detection(int row) {
      int r = row * 6;
      Map<String, Object> kept = new LinkedHashMap<>();
      for (int f = 0; f < fields.length; f++) {
        String v = strings.get(values[row * fields.length + f]);
        if (v != null) {
          kept.put(fields[f], v);
        }
      }
      return new Detection(
          rule.meta(),
          rule.meta().severity(),
          time(row),
          strings.get(refs[r]),
          recordId(row),
          strings.get(refs[r + 1]),
          strings.get(refs[r + 2]),
          strings.get(refs[r + 3]),
          strings.get(refs[r + 4]),
          kept,
          List.of(),
          null);
    }
  }

  /** A record id as a number when it reads back the same, else {@link #NOT_NUMERIC}. */
  private static long number(String id) {
    if (id == null || id.isEmpty() || id.length() > 18) {
      return NOT_NUMERIC;
    }
    for (int i = 0; i < id.length(); i++) {
      char ch = id.charAt(i);
      if (ch < '0' || ch > '9' || (i == 0 && ch == '0' && id.length() > 1)) {
        return NOT_NUMERIC;
      }
    }
    return Long.parseLong(id);
  }
}
