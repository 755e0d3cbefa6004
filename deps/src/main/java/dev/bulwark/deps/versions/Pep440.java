package dev.bulwark.deps.versions;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PEP 440 ordering for PyPI: epoch, release segments, then dev &lt; pre (a &lt; b &lt; rc) &lt;
 * final &lt; post, with the spelling variants the PEP normalises (alpha, c, pre, preview, r, rev,
 * separators). Local versions sort after their public version. Unparseable strings fall back to
 * text order after every valid version.
 */
public final class Pep440 {
  public static final Comparator<String> ORDER = Pep440::compare;

  private static final Pattern VERSION =
      Pattern.compile(
          "v?(?:(\\d+)!)?(\\d+(?:\\.\\d+)*)"
              + "(?:[-_.]?(a|b|c|rc|alpha|beta|pre|preview)[-_.]?(\\d*))?"
              + "(?:-(\\d+)|[-_.]?(post|rev|r)[-_.]?(\\d*))?"
              + "(?:[-_.]?(dev)[-_.]?(\\d*))?"
              + "(?:\\+([a-z0-9]+(?:[-_.][a-z0-9]+)*))?",
          Pattern.CASE_INSENSITIVE);

  private record Parsed(
      BigInteger epoch,
      List<BigInteger> release,
      int preKind,
      BigInteger pre,
      BigInteger post,
      BigInteger dev,
      String local) {}

  private Pep440() {}

  private static final java.util.Map<String, java.util.Optional<Parsed>> PARSED =
      new java.util.concurrent.ConcurrentHashMap<>();

  static Parsed parse(String v) {
    java.util.Optional<Parsed> p = PARSED.get(v);
    if (p == null) {
      p = java.util.Optional.ofNullable(parseUncached(v));
      if (PARSED.size() < 200_000) {
        PARSED.put(v, p);
      }
    }
    return p.orElse(null);
  }

  private static Parsed parseUncached(String v) {
    Matcher m = VERSION.matcher(v.strip().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      return null;
    }
    BigInteger epoch = m.group(1) == null ? BigInteger.ZERO : new BigInteger(m.group(1));
    List<BigInteger> release = new ArrayList<>();
    for (String s : m.group(2).split("\\.")) {
      release.add(new BigInteger(s));
    }
    while (release.size() > 1 && release.get(release.size() - 1).signum() == 0) {
      release.remove(release.size() - 1);
    }
    int preKind = 3; // no prerelease sorts after a, b, rc
    BigInteger pre = BigInteger.ZERO;
    if (m.group(3) != null) {
      preKind =
          switch (m.group(3)) {
            case "a", "alpha" -> 0;
            case "b", "beta" -> 1;
            default -> 2;
          };
      pre = num(m.group(4));
    }
    BigInteger post = null;
    if (m.group(5) != null) {
      post = new BigInteger(m.group(5));
    } else if (m.group(6) != null) {
      post = num(m.group(7));
    }
    BigInteger dev = m.group(8) != null ? num(m.group(9)) : null;
    return new Parsed(epoch, release, preKind, pre, post, dev, m.group(10));
  }

  private static BigInteger num(String s) {
    return s == null || s.isEmpty() ? BigInteger.ZERO : new BigInteger(s);
  }

  public static int compare(String a, String b) {
    Parsed x = parse(a);
    Parsed y = parse(b);
    if (x == null || y == null) {
      if (x == null && y == null) {
        return a.compareTo(b);
      }
      return x == null ? 1 : -1;
    }
    int c = x.epoch.compareTo(y.epoch);
    if (c != 0) {
      return c;
    }
    for (int i = 0; i < Math.max(x.release.size(), y.release.size()); i++) {
      BigInteger p = i < x.release.size() ? x.release.get(i) : BigInteger.ZERO;
      BigInteger q = i < y.release.size() ? y.release.get(i) : BigInteger.ZERO;
      c = p.compareTo(q);
      if (c != 0) {
        return c;
      }
    }
    c = Long.compare(preKey(x), preKey(y));
    if (c != 0) {
      return c;
    }
    if (x.preKind < 3 && y.preKind < 3) {
      c = x.pre.compareTo(y.pre);
      if (c != 0) {
        return c;
      }
    }
    c = compareNullable(x.post, y.post, -1);
    if (c != 0) {
      return c;
    }
    c = compareNullable(x.dev, y.dev, 1);
    if (c != 0) {
      return c;
    }
    if (x.local == null || y.local == null) {
      return x.local == null ? (y.local == null ? 0 : -1) : 1;
    }
    return x.local.compareTo(y.local);
  }

  /** A dev release of a final version (1.0.dev1) sorts before its prereleases (1.0a1). */
  private static long preKey(Parsed p) {
    if (p.preKind == 3 && p.post == null && p.dev != null) {
      return -1;
    }
    return p.preKind;
  }

  /** Absent sorts {@code absentSign} relative to present (post: absent first; dev: absent last). */
  private static int compareNullable(BigInteger a, BigInteger b, int absentSign) {
    if (a == null && b == null) {
      return 0;
    }
    if (a == null) {
      return absentSign;
    }
    if (b == null) {
      return -absentSign;
    }
    return a.compareTo(b);
  }
}
