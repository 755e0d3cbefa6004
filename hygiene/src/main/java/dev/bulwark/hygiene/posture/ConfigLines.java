package dev.bulwark.hygiene.posture;

import java.util.ArrayList;
import java.util.List;

/** Lines of a configuration file with comments and blanks dropped, each with its line number. */
record ConfigLines(List<Line> lines) {
  record Line(int number, String text) {}

  static ConfigLines of(String text) {
    List<Line> out = new ArrayList<>();
    String[] ls = text.split("\n", -1);
    for (int i = 0; i < ls.length; i++) {
      String t = ls[i].strip();
      if (t.isEmpty() || t.startsWith("#") || t.startsWith("//")) {
        continue;
      }
      out.add(new Line(i + 1, t));
    }
    return new ConfigLines(out);
  }
}
