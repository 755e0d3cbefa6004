package dev.bulwark.logs.event;

import java.util.ArrayList;
import java.util.List;

/** RFC 4180 CSV rows, with quoted fields that may hold commas, doubled quotes and line breaks. */
public final class Csv {
  private Csv() {}

  /**
   * Splits one record. Returns null when the record continues on the next line (an open quote); the
   * caller appends the next line and tries again.
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
}
