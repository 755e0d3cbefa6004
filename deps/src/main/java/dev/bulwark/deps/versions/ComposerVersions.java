package dev.bulwark.deps.versions;

import java.util.Comparator;
import java.util.Locale;

/**
 * Composer ordering: an optional "v", numeric segments, then stability dev &lt; alpha &lt; beta
 * &lt; RC &lt; stable &lt; patch (pl/p), each with an optional number.
 */
final class ComposerVersions {
  static final Comparator<String> ORDER = ComposerVersions::compare;

  private ComposerVersions() {}

  private record Parsed(String numbers, int stability, long number) {}

  private static Parsed parse(String v) {
    String s = v.strip().toLowerCase(Locale.ROOT);
    if (s.startsWith("v")) {
      s = s.substring(1);
    }
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile(
                "^([\\d.]+)[-._]?(dev|alpha|a|beta|b|rc|patch|pl|p)?[-._]?(\\d*)")
            .matcher(s);
    if (!m.find()) {
      return new Parsed(s, 4, 0);
    }
    int stability =
        m.group(2) == null
            ? 4
            : switch (m.group(2)) {
              case "dev" -> 0;
              case "alpha", "a" -> 1;
              case "beta", "b" -> 2;
              case "rc" -> 3;
              default -> 5;
            };
    long n = m.group(3).isEmpty() ? 0 : Long.parseLong(m.group(3));
    return new Parsed(m.group(1).replaceAll("\\.$", ""), stability, n);
  }

  static int compare(String a, String b) {
    Parsed x = parse(a);
    Parsed y = parse(b);
    String[] p = x.numbers.split("\\.");
    String[] q = y.numbers.split("\\.");
    for (int i = 0; i < Math.max(p.length, q.length); i++) {
      int c =
          SemVer.compareIdentifier(
              i < p.length && !p[i].isEmpty() ? p[i] : "0",
              i < q.length && !q[i].isEmpty() ? q[i] : "0");
      if (c != 0) {
        return c;
      }
    }
    int c = Integer.compare(x.stability, y.stability);
    return c != 0 ? c : Long.compare(x.number, y.number);
  }
}
