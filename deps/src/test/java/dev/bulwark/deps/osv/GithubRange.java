package dev.bulwark.deps.osv;

import dev.bulwark.deps.model.Ecosystem;
import dev.bulwark.deps.versions.Versions;
import java.util.Comparator;

/** GitHub's vulnerableVersionRange syntax ("&gt;= 1.0, &lt; 1.2", "= 2.0.0"), for tests. */
final class GithubRange {
  private GithubRange() {}

  static boolean contains(String range, String version, Ecosystem e) {
    Comparator<String> order = Versions.order(e);
    for (String part : range.split(",")) {
      String p = part.strip();
      String op = p.replaceFirst("^(>=|<=|>|<|=).*$", "$1");
      String v = p.substring(op.length()).strip();
      int c = order.compare(version, v);
      boolean ok =
          switch (op) {
            case ">=" -> c >= 0;
            case "<=" -> c <= 0;
            case ">" -> c > 0;
            case "<" -> c < 0;
            default -> c == 0;
          };
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
