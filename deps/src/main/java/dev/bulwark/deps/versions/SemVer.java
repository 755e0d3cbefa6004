package dev.bulwark.deps.versions;

import java.util.Comparator;

/**
 * Semantic Versioning 2.0 ordering (npm, Cargo, Go after its "v"): numeric major.minor.patch, then
 * a version with a prerelease before the same version without, prerelease identifiers compared
 * numerically or lexically; build metadata ignored. Missing parts count as zero.
 */
public final class SemVer {
  public static final Comparator<String> ORDER = SemVer::compare;

  private SemVer() {}

  public static int compare(String a, String b) {
    String[] pa = split(a);
    String[] pb = split(b);
    int c = compareCore(pa[0], pb[0]);
    if (c != 0) {
      return c;
    }
    if (pa[1].isEmpty() != pb[1].isEmpty()) {
      return pa[1].isEmpty() ? 1 : -1;
    }
    return comparePre(pa[1], pb[1]);
  }

  /** [core, prerelease] with build metadata dropped. */
  private static String[] split(String v) {
    String s = v.strip();
    int plus = s.indexOf('+');
    if (plus >= 0) {
      s = s.substring(0, plus);
    }
    int dash = s.indexOf('-');
    return dash < 0
        ? new String[] {s, ""}
        : new String[] {s.substring(0, dash), s.substring(dash + 1)};
  }

  private static int compareCore(String a, String b) {
    String[] x = a.split("\\.");
    String[] y = b.split("\\.");
    for (int i = 0; i < Math.max(x.length, y.length); i++) {
      String p = i < x.length ? x[i] : "0";
      String q = i < y.length ? y[i] : "0";
      int c = compareIdentifier(p, q);
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  private static int comparePre(String a, String b) {
    String[] x = a.split("\\.");
    String[] y = b.split("\\.");
    for (int i = 0; i < Math.min(x.length, y.length); i++) {
      int c = compareIdentifier(x[i], y[i]);
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(x.length, y.length);
  }

  static boolean digits(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /** Numeric identifiers compare as numbers and sort before alphanumeric ones. */
  static int compareIdentifier(String p, String q) {
    boolean np = digits(p);
    boolean nq = digits(q);
    if (np && nq) {
      if (p.length() < 19 && q.length() < 19) {
        return Long.compare(Long.parseLong(p), Long.parseLong(q));
      }
      return new java.math.BigInteger(p).compareTo(new java.math.BigInteger(q));
    }
    if (np != nq) {
      return np ? -1 : 1;
    }
    return p.compareTo(q);
  }
}
