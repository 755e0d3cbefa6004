package dev.bulwark.core.text;

import dev.bulwark.core.errors.InputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 CSV, the one reader every module uses: fields separated by commas, double-quoted fields
 * that may hold commas, doubled quotes ({@code ""}) and line breaks. A carriage return outside
 * quotes is dropped, so files written on Windows read the same.
 */
public final class Csv {
  private Csv() {}

  /** One record and the 1-based line it starts on. */
  public record Row(int line, List<String> fields) {
    public Row {
      fields = List.copyOf(fields);
    }

    /** The field at {@code i}, or the empty string when the record is shorter. */
    public String get(int i) {
      return i < fields.size() ? fields.get(i) : "";
    }
  }

  /**
   * Splits one record. Returns null when a quoted field is still open at the end: the record
   * continues on the next line, which the caller appends (after a line break) before trying again.
   */
  public static List<String> split(String record) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < record.length(); i++) {
      char c = record.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < record.length() && record.charAt(i + 1) == '"') {
            cur.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          cur.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        out.add(cur.toString());
        cur.setLength(0);
      } else if (c != '\r') {
        cur.append(c);
      }
    }
    if (quoted) {
      return null;
    }
    out.add(cur.toString());
    return out;
  }

  /**
   * Every record left in {@code r}, blank lines skipped; line numbers count from the reader's
   * current position. A quote still open at the end of the input closes there, so a truncated
   * download yields what it holds.
   */
  public static List<Row> rows(BufferedReader r) throws IOException {
    List<Row> out = new ArrayList<>();
    StringBuilder pending = new StringBuilder();
    int lineNo = 0;
    int start = 0;
    for (String line; (line = r.readLine()) != null; ) {
      lineNo++;
      if (pending.isEmpty()) {
        if (line.isBlank()) {
          continue;
        }
        start = lineNo;
      } else {
        pending.append('\n');
      }
      pending.append(line);
      List<String> fields = split(pending.toString());
      if (fields != null) {
        out.add(new Row(start, fields));
        pending.setLength(0);
      }
    }
    if (!pending.isEmpty()) {
      out.add(new Row(start, split(pending + "\"")));
    }
    return out;
  }

  /** The fields of one line of text (a header, say); an open quote closes at its end. */
  public static List<String> line(String text) {
    List<String> fields = split(text);
    return fields != null ? fields : split(text + "\"");
  }

  /**
   * A label or expected-results file: a header row, then records of at least {@code minColumns}
   * fields, each field stripped of surrounding blanks; blank lines and lines starting with {@code
   * #} are skipped. Errors name the file and line.
   */
  public static List<Row> read(Path file, int minColumns) throws InputException {
    return read(file, minColumns, true);
  }

  /** As {@link #read(Path, int)}, for files with ({@code header}) or without a header row. */
  public static List<Row> read(Path file, int minColumns, boolean header) throws InputException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InputException(file + ": cannot read: " + e.getMessage(), e);
    }
    List<Row> rows = new ArrayList<>();
    StringBuilder pending = new StringBuilder();
    int start = 0;
    int lineNo = 0;
    try (BufferedReader r = new BufferedReader(new StringReader(text))) {
      for (String line; (line = r.readLine()) != null; ) {
        lineNo++;
        if (pending.isEmpty()) {
          if (line.isBlank() || line.startsWith("#")) {
            continue;
          }
          start = lineNo;
        } else {
          pending.append('\n');
        }
        pending.append(line);
        List<String> fields = split(pending.toString());
        if (fields == null) {
          continue;
        }
        pending.setLength(0);
        if (header) {
          header = false;
          continue;
        }
        if (fields.size() < minColumns) {
          throw new InputException(
              file
                  + ":"
                  + start
                  + ": expected at least "
                  + minColumns
                  + " columns, got "
                  + fields.size());
        }
        rows.add(new Row(start, fields.stream().map(String::strip).toList()));
      }
    } catch (IOException e) {
      throw new IllegalStateException("reading a string cannot fail", e);
    }
    if (!pending.isEmpty()) {
      throw new InputException(file + ":" + start + ": unterminated quoted field");
    }
    return rows;
  }
}
