package dev.bulwark.deps.db;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** RFC 4180 CSV: quoted fields with doubled quotes and line breaks inside quotes. */
final class Csv {
  private Csv() {}

  static List<String> split(String line) {
    try {
      return parse(new BufferedReader(new java.io.StringReader(line)), line);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static List<List<String>> rows(BufferedReader r) throws IOException {
    List<List<String>> out = new ArrayList<>();
    String line;
    while ((line = r.readLine()) != null) {
      if (!line.isBlank()) {
        out.add(parse(r, line));
      }
    }
    return out;
  }

  private static List<String> parse(BufferedReader r, String first) throws IOException {
    List<String> fields = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    String line = first;
    while (true) {
      for (int i = 0; i < line.length(); i++) {
        char ch = line.charAt(i);
        if (quoted) {
          if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
            cur.append('"');
            i++;
          } else if (ch == '"') {
            quoted = false;
          } else {
            cur.append(ch);
          }
        } else if (ch == '"') {
          quoted = true;
        } else if (ch == ',') {
          fields.add(cur.toString());
          cur.setLength(0);
        } else {
          cur.append(ch);
        }
      }
      if (!quoted) {
        break;
      }
      String next = r.readLine();
      if (next == null) {
        break;
      }
      cur.append('\n');
      line = next;
    }
    fields.add(cur.toString());
    return fields;
  }
}
