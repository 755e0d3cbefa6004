package dev.bulwark.net.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One network detection rule, read from a {@code .rule} file: which log it reads, what makes a
 * record match ({@code when}, conditions joined by {@code and}), or, for rules over many records,
 * which aggregate it counts ({@code kind} with a {@code threshold}).
 */
public record NetRule(
    String id,
    String log,
    String title,
    String severity,
    String message,
    List<Condition> when,
    String kind,
    double threshold,
    List<String> attack) {

  public NetRule {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(log, "log");
    when = List.copyOf(when);
    attack = List.copyOf(attack);
  }

  /** {@code field op value}: ops {@code > >= < = != in not-in exists len> entropy> label>}. */
  public record Condition(String field, String op, String value) {
    boolean test(Map<String, Object> r) {
      Object v = r.get(field);
      switch (op) {
        case "exists":
          return v != null && !String.valueOf(v).isEmpty();
        case "in":
        case "not-in":
          {
            boolean in = v != null && List.of(value.split("\\|")).contains(String.valueOf(v));
            return op.equals("in") == in;
          }
        default:
          break;
      }
      if (v == null) {
        return false;
      }
      String s = String.valueOf(v);
      return switch (op) {
        case "=" -> s.equals(value);
        case "!=" -> !s.equals(value);
        case ">" -> number(v) > Double.parseDouble(value);
        case ">=" -> number(v) >= Double.parseDouble(value);
        case "<" -> number(v) < Double.parseDouble(value);
        case "len>" -> s.length() > Double.parseDouble(value);
        case "label>" -> longestLabel(s) > Double.parseDouble(value);
        case "entropy>" -> Entropy.of(firstLabel(s)) > Double.parseDouble(value);
        default -> false;
      };
    }

    private static double number(Object v) {
      if (v instanceof Number n) {
        return n.doubleValue();
      }
      if (v instanceof dev.bulwark.net.zeek.ZeekLogWriter.Interval i) {
        return i.nanos() / 1e9;
      }
      try {
        return Double.parseDouble(String.valueOf(v));
      } catch (NumberFormatException e) {
        return Double.NaN;
      }
    }

    private static int longestLabel(String name) {
      int best = 0;
      for (String l : name.split("\\.")) {
        best = Math.max(best, l.length());
      }
      return best;
    }

    private static String firstLabel(String name) {
      int dot = name.indexOf('.');
      return dot < 0 ? name : name.substring(0, dot);
    }
  }

  /** Parses a rule file: {@code key: value} lines, {@code #} comments. */
  public static NetRule parse(String source, String text) {
    String id = null;
    String log = null;
    String title = null;
    String severity = "medium";
    String message = null;
    String kind = "record";
    double threshold = 0;
    List<Condition> when = new ArrayList<>();
    List<String> attack = new ArrayList<>();
    int n = 0;
    for (String raw : text.split("\n")) {
      n++;
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        throw new IllegalArgumentException(source + ":" + n + ": expected 'key: value'");
      }
      String key = line.substring(0, colon).strip();
      String value = line.substring(colon + 1).strip();
      switch (key) {
        case "id" -> id = value;
        case "log" -> log = value;
        case "title" -> title = value;
        case "severity" -> severity = value.toLowerCase(Locale.ROOT);
        case "message" -> message = value;
        case "kind" -> kind = value;
        case "threshold" -> threshold = Double.parseDouble(value);
        case "attack" -> attack.addAll(List.of(value.split("\\s*,\\s*")));
        case "when" -> {
          for (String c : value.split("\\s+and\\s+")) {
            String[] p = c.strip().split("\\s+", 3);
            if (p.length == 2 && p[1].equals("exists")) {
              when.add(new Condition(p[0], "exists", ""));
            } else if (p.length == 3) {
              when.add(new Condition(p[0], p[1], p[2]));
            } else {
              throw new IllegalArgumentException(source + ":" + n + ": bad condition '" + c + "'");
            }
          }
        }
        default ->
            throw new IllegalArgumentException(source + ":" + n + ": unknown key '" + key + "'");
      }
    }
    if (id == null || log == null || title == null || message == null) {
      throw new IllegalArgumentException(source + ": id, log, title and message are required");
    }
    return new NetRule(id, log, title, severity, message, when, kind, threshold, attack);
  }

  boolean matches(Map<String, Object> record) {
    for (Condition c : when) {
      if (!c.test(record)) {
        return false;
      }
    }
    return true;
  }
}
