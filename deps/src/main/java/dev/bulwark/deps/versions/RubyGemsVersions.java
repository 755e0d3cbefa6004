package dev.bulwark.deps.versions;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * RubyGems ordering (Gem::Version): segments split at dots and at letter/digit boundaries; numbers
 * compare numerically; a letter segment marks a prerelease and sorts before numbers, so 1.0.a &lt;
 * 1.0 and 2.0.0.rc1 &lt; 2.0.0.
 */
final class RubyGemsVersions {
  static final Comparator<String> ORDER = RubyGemsVersions::compare;

  private RubyGemsVersions() {}

  private static List<String> segments(String v) {
    List<String> out = new ArrayList<>();
    for (String part : v.strip().replace('-', '.').split("\\.")) {
      for (String s : part.split("(?<=\\d)(?=\\D)|(?<=\\D)(?=\\d)")) {
        if (!s.isEmpty()) {
          out.add(s);
        }
      }
    }
    return out;
  }

  static int compare(String a, String b) {
    List<String> x = segments(a);
    List<String> y = segments(b);
    for (int i = 0; i < Math.max(x.size(), y.size()); i++) {
      // a missing segment counts as 0, so 1.0 == 1 and 1.0 > 1.0.a
      String p = i < x.size() ? x.get(i) : "0";
      String q = i < y.size() ? y.get(i) : "0";
      boolean np = p.matches("\\d+");
      boolean nq = q.matches("\\d+");
      int c;
      if (np && nq) {
        c = new java.math.BigInteger(p).compareTo(new java.math.BigInteger(q));
      } else if (np != nq) {
        c = np ? 1 : -1;
      } else {
        c = p.compareTo(q);
      }
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }
}
