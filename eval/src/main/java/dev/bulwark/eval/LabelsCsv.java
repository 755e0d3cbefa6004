package dev.bulwark.eval;

import dev.bulwark.core.errors.InputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads simple comma-separated label files with a header row; fields may be double-quoted, with ""
 * for a quote inside. Errors name the file and line.
 */
public final class LabelsCsv {
  private LabelsCsv() {}

  /** One data row; {@code line} is the 1-based line in the CSV file. */
  public record Row(int line, List<String> fields) {
    public String get(int i) {
      return i < fields.size() ? fields.get(i) : "";
    }
  }

  public static List<Row> read(Path file, int minColumns) throws InputException {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InputException(file + ": cannot read: " + e.getMessage(), e);
    }
    List<Row> rows = new ArrayList<>();
    boolean header = true;
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i);
      if (l.isBlank() || l.startsWith("#")) {
        continue;
      }
      if (header) {
        header = false;
        continue;
      }
      List<String> fields = split(l, file, i + 1);
      if (fields.size() < minColumns) {
        throw new InputException(
            file
                + ":"
                + (i + 1)
                + ": expected at least "
                + minColumns
                + " columns, got "
                + fields.size());
      }
      rows.add(new Row(i + 1, fields));
    }
    return rows;
  }

  static List<String> split(String line, Path file, int lineNo) throws InputException {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
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
        out.add(cur.toString().strip());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    if (quoted) {
      throw new InputException(file + ":" + lineNo + ": unterminated quoted field");
    }
    out.add(cur.toString().strip());
    return out;
  }
}
