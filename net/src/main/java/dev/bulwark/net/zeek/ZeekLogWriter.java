package dev.bulwark.net.zeek;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.List;

/**
 * Writes one Zeek log in Zeek's ASCII writer format (tab-separated with the {@code #fields} and
 * {@code #types} header) or its JSON-lines variant. Values are passed in field order; {@code null}
 * is an unset field. Times and intervals are nanosecond {@code Long}s wrapped in {@link Time} /
 * {@link Interval}, so that formatting, not arithmetic in doubles, decides the digits.
 */
public final class ZeekLogWriter implements Closeable {
  /** Seconds since the epoch, in nanoseconds. */
  public record Time(long nanos) {}

  /** A duration in nanoseconds. */
  public record Interval(long nanos) {}

  public enum Format {
    TSV,
    JSON
  }

  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd-HH-mm-ss").withZone(ZoneOffset.UTC);

  private final BufferedWriter out;
  private final List<Field> fields;
  private final Format format;

  public ZeekLogWriter(Path file, String path, List<Field> fields, Format format)
      throws IOException {
    this.out =
        new BufferedWriter(
            new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8), 1 << 16);
    this.fields = List.copyOf(fields);
    this.format = format;
    if (format == Format.TSV) {
      StringBuilder h = new StringBuilder();
      h.append("#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n#unset_field\t-\n");
      h.append("#path\t").append(path).append('\n');
      h.append("#open\t").append(STAMP.format(Instant.now())).append('\n');
      h.append("#fields");
      for (Field f : fields) {
        h.append('\t').append(f.name());
      }
      h.append("\n#types");
      for (Field f : fields) {
        h.append('\t').append(f.type());
      }
      h.append('\n');
      out.write(h.toString());
    }
  }

  public void write(Object... values) throws IOException {
    if (values.length != fields.size()) {
      throw new IllegalArgumentException(
          "expected " + fields.size() + " values, got " + values.length);
    }
    StringBuilder line = new StringBuilder(256);
    if (format == Format.TSV) {
      for (int i = 0; i < values.length; i++) {
        if (i > 0) {
          line.append('\t');
        }
        tsv(line, values[i]);
      }
    } else {
      line.append('{');
      boolean first = true;
      for (int i = 0; i < values.length; i++) {
        if (values[i] == null) {
          continue;
        }
        if (!first) {
          line.append(',');
        }
        first = false;
        jsonString(line, fields.get(i).name());
        line.append(':');
        json(line, values[i]);
      }
      line.append('}');
    }
    line.append('\n');
    out.write(line.toString());
  }

  private static void tsv(StringBuilder b, Object v) {
    if (v == null) {
      b.append('-');
    } else if (v instanceof Collection<?> c) {
      if (c.isEmpty()) {
        b.append("(empty)");
        return;
      }
      boolean first = true;
      for (Object e : c) {
        if (!first) {
          b.append(',');
        }
        first = false;
        if (e instanceof String s) {
          escape(b, s, true);
        } else {
          tsv(b, e);
        }
      }
    } else if (v instanceof String s) {
      if (s.isEmpty()) {
        b.append("(empty)");
      } else if (s.equals("-")) {
        b.append("\\x2d");
      } else if (s.equals("(empty)")) {
        b.append("\\x28empty)");
      } else {
        escape(b, s, false);
      }
    } else {
      scalar(b, v);
    }
  }

  private static void scalar(StringBuilder b, Object v) {
    switch (v) {
      case Time t -> seconds(b, t.nanos());
      case Interval i -> seconds(b, i.nanos());
      case Boolean x -> b.append(x ? 'T' : 'F');
      case Double d -> b.append(doubleText(d));
      default -> b.append(v);
    }
  }

  /** Zeek's {@code double}: up to 6 decimals, trailing zeros cut, {@code .0} kept. */
  static String doubleText(double d) {
    String s = String.format(java.util.Locale.ROOT, "%.6f", d);
    int end = s.length();
    while (s.charAt(end - 1) == '0' && s.charAt(end - 2) != '.') {
      end--;
    }
    return s.substring(0, end);
  }

  static void seconds(StringBuilder b, long nanos) {
    long micros = Math.floorDiv(nanos + 500, 1000);
    if (micros < 0) {
      b.append('-');
      micros = -micros;
    }
    b.append(micros / 1_000_000).append('.');
    String frac = Long.toString(micros % 1_000_000);
    b.append("000000", 0, 6 - frac.length()).append(frac);
  }

  /** Zeek escapes the separators, backslash, control bytes; valid UTF-8 text stays as it is. */
  private static void escape(StringBuilder b, String s, boolean inSet) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' || c == '\t' || c < 0x20 || c == 0x7f || (inSet && c == ',')) {
        b.append(String.format("\\x%02x", (int) c));
      } else if (c >= 0xdc80 && c <= 0xdcff) {
        // a byte that was not valid UTF-8 (see Text.bytes)
        b.append(String.format("\\x%02x", c - 0xdc00));
      } else {
        b.append(c);
      }
    }
  }

  private static void json(StringBuilder b, Object v) {
    if (v instanceof Collection<?> c) {
      b.append('[');
      boolean first = true;
      for (Object e : c) {
        if (!first) {
          b.append(',');
        }
        first = false;
        json(b, e);
      }
      b.append(']');
    } else if (v instanceof String s) {
      jsonString(b, s);
    } else if (v instanceof Boolean x) {
      b.append(x);
    } else if (v instanceof Time t) {
      seconds(b, t.nanos());
    } else if (v instanceof Interval i) {
      seconds(b, i.nanos());
    } else {
      scalar(b, v);
    }
  }

  private static void jsonString(StringBuilder b, String s) {
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        default -> {
          if (c < 0x20 || (c >= 0xdc80 && c <= 0xdcff)) {
            int code = c < 0x20 ? c : c - 0xdc00;
            b.append(String.format("\\\\x%02x", code));
          } else {
            b.append(c);
          }
        }
      }
    }
    b.append('"');
  }

  @Override
  public void close() throws IOException {
    if (format == Format.TSV) {
      out.write("#close\t" + STAMP.format(Instant.now()) + "\n");
    }
    out.close();
  }
}
