package dev.bulwark.logs.sigma;

import com.google.re2j.Pattern;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.PatternSyntaxException;

/** Tests one event value against one rule value. {@code lower} is the value in lower case. */
sealed interface ValueMatcher {

  boolean test(String value, String lower);

  /** A literal the value must contain for this matcher to succeed, for prefiltering; or null. */
  default String requiredLiteral() {
    return null;
  }

  record Exact(String needle, boolean cased) implements ValueMatcher {
    @Override
    public boolean test(String value, String lower) {
      if (cased ? value.equals(needle) : lower.equals(needle)) {
        return true;
      }
      // Sigma compares integers as numbers: EventID 0x10 or 016 is rare, but "4688" vs "4688.0"
      // happens in JSON exports.
      return !needle.isEmpty()
          && Character.isDigit(needle.charAt(0))
          && !value.isEmpty()
          && Character.isDigit(value.charAt(0))
          && numericEquals(value, needle);
    }

    @Override
    public String requiredLiteral() {
      return cased ? null : needle;
    }

    private static boolean numericEquals(String a, String b) {
      try {
        return new java.math.BigDecimal(a).compareTo(new java.math.BigDecimal(b)) == 0;
      } catch (NumberFormatException e) {
        return false;
      }
    }
  }

  record Contains(String needle, boolean cased) implements ValueMatcher {
    @Override
    public boolean test(String value, String lower) {
      return cased ? value.contains(needle) : lower.contains(needle);
    }

    @Override
    public String requiredLiteral() {
      return cased ? null : needle;
    }
  }

  record StartsWith(String needle, boolean cased) implements ValueMatcher {
    @Override
    public boolean test(String value, String lower) {
      return cased ? value.startsWith(needle) : lower.startsWith(needle);
    }

    @Override
    public String requiredLiteral() {
      return cased ? null : needle;
    }
  }

  record EndsWith(String needle, boolean cased) implements ValueMatcher {
    @Override
    public boolean test(String value, String lower) {
      return cased ? value.endsWith(needle) : lower.endsWith(needle);
    }

    @Override
    public String requiredLiteral() {
      return cased ? null : needle;
    }
  }

  /**
   * Wildcards inside the value, matched in time linear in the value's length: the pattern is cut at
   * each '*' into segments ('?' matches one character inside a segment); the first and last segment
   * are anchored unless a '*' stands there, and each middle one is found at its leftmost place
   * after the previous one, which is correct because a '*' absorbs whatever lies between. No
   * backtracking, so no value, however long, makes a rule slow.
   */
  record Glob(SigmaPattern pattern, boolean cased, String longestLiteral, Segments segments)
      implements ValueMatcher {

    /** {@code pattern} is already lower-cased unless cased. */
    static Glob of(SigmaPattern pattern, boolean cased) {
      return new Glob(pattern, cased, pattern.longestLiteral(), Segments.of(pattern));
    }

    @Override
    public boolean test(String value, String lower) {
      return segments.matches(cased ? value : lower);
    }

    @Override
    public String requiredLiteral() {
      return cased || longestLiteral.isEmpty() ? null : longestLiteral;
    }
  }

  /** The segments of a wildcard pattern between its '*'s; see {@link Glob}. */
  final class Segments {
    private final char[][] chars;
    private final boolean[][] any;
    private final String[] plain;
    private final boolean anchoredStart;
    private final boolean anchoredEnd;

    private Segments(
        List<StringBuilder> text, List<List<Boolean>> wild, boolean start, boolean end) {
      int n = text.size();
      chars = new char[n][];
      any = new boolean[n][];
      plain = new String[n];
      for (int i = 0; i < n; i++) {
        chars[i] = text.get(i).toString().toCharArray();
        any[i] = new boolean[chars[i].length];
        boolean hasAny = false;
        for (int k = 0; k < chars[i].length; k++) {
          any[i][k] = wild.get(i).get(k);
          hasAny |= any[i][k];
        }
        plain[i] = hasAny ? null : text.get(i).toString();
      }
      anchoredStart = start;
      anchoredEnd = end;
    }

    static Segments of(SigmaPattern p) {
      List<StringBuilder> text = new ArrayList<>();
      List<List<Boolean>> wild = new ArrayList<>();
      StringBuilder cur = new StringBuilder();
      List<Boolean> curWild = new ArrayList<>();
      for (SigmaPattern.Part part : p.parts()) {
        switch (part) {
          case SigmaPattern.Literal l -> {
            cur.append(l.text());
            for (int i = 0; i < l.text().length(); i++) {
              curWild.add(false);
            }
          }
          case SigmaPattern.AnyChar a -> {
            cur.append('?');
            curWild.add(true);
          }
          case SigmaPattern.AnyRun a -> {
            if (!cur.isEmpty()) {
              text.add(cur);
              wild.add(curWild);
            }
            cur = new StringBuilder();
            curWild = new ArrayList<>();
          }
        }
      }
      if (!cur.isEmpty()) {
        text.add(cur);
        wild.add(curWild);
      }
      return new Segments(text, wild, !p.startsWithStar(), !p.endsWithStar());
    }

    boolean matches(String v) {
      int n = chars.length;
      if (n == 0) {
        return !(anchoredStart && anchoredEnd) || v.isEmpty();
      }
      if (anchoredStart && anchoredEnd && n == 1) {
        return v.length() == chars[0].length && at(v, 0, 0);
      }
      int pos = 0;
      int first = 0;
      int last = n - 1;
      int limit = v.length();
      if (anchoredStart) {
        if (chars[0].length > v.length() || !at(v, 0, 0)) {
          return false;
        }
        pos = chars[0].length;
        first = 1;
      }
      if (anchoredEnd && last >= first) {
        int s = v.length() - chars[last].length;
        if (s < pos || !at(v, s, last)) {
          return false;
        }
        limit = s;
        last--;
      }
      for (int i = first; i <= last; i++) {
        int idx = find(v, i, pos, limit);
        if (idx < 0) {
          return false;
        }
        pos = idx + chars[i].length;
      }
      return true;
    }

    private int find(String v, int seg, int from, int limit) {
      int len = chars[seg].length;
      if (plain[seg] != null) {
        int idx = v.indexOf(plain[seg], from);
        return idx >= 0 && idx + len <= limit ? idx : -1;
      }
      for (int s = from; s + len <= limit; s++) {
        if (at(v, s, seg)) {
          return s;
        }
      }
      return -1;
    }

    private boolean at(String v, int start, int seg) {
      char[] c = chars[seg];
      boolean[] a = any[seg];
      for (int k = 0; k < c.length; k++) {
        if (!a[k] && v.charAt(start + k) != c[k]) {
          return false;
        }
      }
      return true;
    }
  }

  /**
   * The {@code re} modifier on RE2/J, whose matching time is linear in the value. A pattern RE2/J
   * cannot run (back-references, look-around) is refused when the rule is loaded, unless the user
   * allows backtracking patterns; such a pattern then runs on java.util.regex under a step budget
   * per value, and a value that exhausts it counts as no match.
   */
  record Regex(Pattern re2, java.util.regex.Pattern jdk, String source, String literal)
      implements ValueMatcher {
    /** Characters a backtracking pattern may read in one value before it is abandoned. */
    static final long STEP_BUDGET = 2_000_000;

    /** Values abandoned on the budget, for diagnostics. */
    static final java.util.concurrent.atomic.AtomicLong ABANDONED =
        new java.util.concurrent.atomic.AtomicLong();

    Regex(Pattern re2, java.util.regex.Pattern jdk, String source) {
      this(re2, jdk, source, longestLiteral(source));
    }

    @Override
    public String requiredLiteral() {
      return literal.length() >= 3 ? literal.toLowerCase(java.util.Locale.ROOT) : null;
    }

    /**
     * The longest run of plain characters every match must contain: outside groups, classes and
     * alternations, and not made optional by a quantifier. Empty when there is none (a top-level
     * '|' makes every part optional).
     */
    static String longestLiteral(String re) {
      int depth = 0;
      for (int i = 0; i < re.length(); i++) {
        char c = re.charAt(i);
        if (c == '\\') {
          i++;
        } else if (c == '(') {
          depth++;
        } else if (c == ')') {
          depth--;
        } else if (c == '|' && depth == 0) {
          return "";
        }
      }
      String best = "";
      StringBuilder run = new StringBuilder();
      depth = 0;
      for (int i = 0; i < re.length(); i++) {
        char c = re.charAt(i);
        char next = i + 1 < re.length() ? re.charAt(i + 1) : 0;
        boolean optionalNext =
            next == '?' || next == '*' || (next == '{' && re.startsWith("{0", i + 1));
        Character lit = null;
        int width = 1;
        if (c == '\\' && i + 1 < re.length()) {
          char e = re.charAt(i + 1);
          width = 2;
          next = i + 2 < re.length() ? re.charAt(i + 2) : 0;
          optionalNext = next == '?' || next == '*' || (next == '{' && re.startsWith("{0", i + 2));
          if (!Character.isLetterOrDigit(e)) {
            lit = e;
          }
        } else if (depth == 0 && ".[]()^$?*+{}|".indexOf(c) < 0) {
          lit = c;
        }
        if (c == '(') {
          depth++;
        } else if (c == ')') {
          depth--;
        } else if (c == '[' || c == '{') {
          int close = re.indexOf(c == '[' ? ']' : '}', i + (c == '[' ? 2 : 1));
          i = close < 0 ? re.length() : close;
          width = 1;
        }
        boolean repeatNext = next == '+' || (next == '{' && !optionalNext);
        if (lit != null && depth == 0 && !optionalNext) {
          run.append(lit);
          if (repeatNext) {
            // "ab+c" matches "abbc": the run cannot continue past a repeated character
            if (run.length() > best.length()) {
              best = run.toString();
            }
            run.setLength(0);
          }
        } else {
          if (run.length() > best.length()) {
            best = run.toString();
          }
          run.setLength(0);
        }
        i += width - 1;
      }
      return run.length() > best.length() ? run.toString() : best;
    }

    static Regex compile(
        String source, boolean ignoreCase, boolean multiline, boolean dotall, boolean backtracking)
        throws SigmaException {
      int f2 =
          (ignoreCase ? Pattern.CASE_INSENSITIVE : 0)
              | (multiline ? Pattern.MULTILINE : 0)
              | (dotall ? Pattern.DOTALL : 0);
      com.google.re2j.PatternSyntaxException refused;
      try {
        return new Regex(Pattern.compile(source, f2), null, source);
      } catch (com.google.re2j.PatternSyntaxException e) {
        refused = e;
      }
      int fj =
          (ignoreCase
                  ? java.util.regex.Pattern.CASE_INSENSITIVE | java.util.regex.Pattern.UNICODE_CASE
                  : 0)
              | (multiline ? java.util.regex.Pattern.MULTILINE : 0)
              | (dotall ? java.util.regex.Pattern.DOTALL : 0);
      java.util.regex.Pattern jdk;
      try {
        jdk = java.util.regex.Pattern.compile(source, fj);
      } catch (PatternSyntaxException e2) {
        throw new SigmaException(
            "invalid regular expression " + source + ": " + e2.getDescription());
      }
      if (!backtracking) {
        throw new RuleSet.SigmaUnsupported(
            "regular expression "
                + source
                + " needs backtracking ("
                + refused.getDescription()
                + "), which can take exponential time on hostile logs; Bulwark runs only"
                + " linear-time patterns unless allowed (--allow-backtracking-regex, or"
                + " logs.allow-backtracking-regex: true in bulwark.yaml)");
      }
      return new Regex(null, jdk, source);
    }

    @Override
    public boolean test(String value, String lower) {
      if (re2 != null) {
        return re2.matcher(value).find();
      }
      try {
        return jdk.matcher(new Budgeted(value, STEP_BUDGET)).find();
      } catch (Budgeted.Exhausted e) {
        ABANDONED.incrementAndGet();
        return false;
      }
    }
  }

  /** A value that stops a backtracking matcher once it has read {@code budget} characters. */
  record Budgeted(String value, long[] left) implements CharSequence {
    Budgeted(String value, long budget) {
      this(value, new long[] {budget});
    }

    /** Thrown inside the matcher; without a stack trace, as it is control flow. */
    static final class Exhausted extends RuntimeException {
      private static final long serialVersionUID = 1L;

      Exhausted() {
        super("regular expression step budget exhausted", null, false, false);
      }
    }

    @Override
    public char charAt(int index) {
      if (--left[0] < 0) {
        throw new Exhausted();
      }
      return value.charAt(index);
    }

    @Override
    public int length() {
      return value.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return new Budgeted(value.substring(start, end), left);
    }

    @Override
    public String toString() {
      return value;
    }
  }

  /** The {@code cidr} modifier, for IPv4 and IPv6 networks. */
  record Cidr(BigInteger network, int prefix, int bits) implements ValueMatcher {
    static Cidr parse(String text) throws SigmaException {
      int slash = text.indexOf('/');
      String addr = slash < 0 ? text : text.substring(0, slash);
      byte[] b = address(addr);
      if (b == null) {
        throw new SigmaException("invalid cidr network " + text);
      }
      int bits = b.length * 8;
      int prefix;
      try {
        prefix = slash < 0 ? bits : Integer.parseInt(text.substring(slash + 1));
      } catch (NumberFormatException e) {
        throw new SigmaException("invalid cidr prefix " + text);
      }
      if (prefix < 0 || prefix > bits) {
        throw new SigmaException("invalid cidr prefix " + text);
      }
      return new Cidr(new BigInteger(1, b).shiftRight(bits - prefix), prefix, bits);
    }

    @Override
    public boolean test(String value, String lower) {
      byte[] b = address(value);
      if (b == null || b.length * 8 != bits) {
        return false;
      }
      return new BigInteger(1, b).shiftRight(bits - prefix).equals(network);
    }

    /** Parses a literal address without name lookups; null when it is not one. */
    static byte[] address(String text) {
      String t = text.strip();
      if (t.startsWith("[") && t.endsWith("]")) {
        t = t.substring(1, t.length() - 1);
      }
      int pct = t.indexOf('%');
      if (pct >= 0) {
        t = t.substring(0, pct);
      }
      if (t.isEmpty()
          || !(t.indexOf(':') >= 0 || t.chars().allMatch(c -> c == '.' || Character.isDigit(c)))) {
        return null;
      }
      if (t.indexOf(':') < 0) {
        String[] parts = t.split("\\.", -1);
        if (parts.length != 4) {
          return null;
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
          if (parts[i].isEmpty() || parts[i].length() > 3) {
            return null;
          }
          int v = Integer.parseInt(parts[i]);
          if (v > 255) {
            return null;
          }
          out[i] = (byte) v;
        }
        return out;
      }
      if (!t.chars().allMatch(c -> c == ':' || c == '.' || Character.digit(c, 16) >= 0)) {
        return null;
      }
      try {
        // A literal IPv6 address never triggers a lookup.
        return InetAddress.getByName(t).getAddress();
      } catch (UnknownHostException e) {
        return null;
      }
    }
  }

  /** gt, gte, lt, lte (and neq on numbers) against a number. */
  record Numeric(String op, double operand) implements ValueMatcher {
    @Override
    public boolean test(String value, String lower) {
      double v;
      try {
        v = Double.parseDouble(value.strip());
      } catch (NumberFormatException e) {
        return false;
      }
      return compare(op, v, operand);
    }

    static boolean compare(String op, double v, double operand) {
      return switch (op) {
        case "gt" -> v > operand;
        case "gte" -> v >= operand;
        case "lt" -> v < operand;
        case "lte" -> v <= operand;
        case "neq" -> v != operand;
        default -> v == operand;
      };
    }
  }

  /** Sigma 2.1 time modifiers: a component of a timestamp value compared with a number. */
  record TimePart(String unit, String op, double operand) implements ValueMatcher {
    @Override
    public boolean test(String value, String lower) {
      Instant t = dev.bulwark.logs.event.Times.parse(value);
      if (t == null) {
        return false;
      }
      ZonedDateTime z = t.atZone(ZoneOffset.UTC);
      int part =
          switch (unit) {
            case "minute" -> z.getMinute();
            case "hour" -> z.getHour();
            case "day" -> z.getDayOfMonth();
            case "week" -> z.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
            case "month" -> z.getMonthValue();
            default -> z.getYear();
          };
      return Numeric.compare(op, part, operand);
    }
  }

  /** neq on a string: the value differs (case-insensitively unless cased). */
  record NotEqual(ValueMatcher inner) implements ValueMatcher {
    @Override
    public boolean test(String value, String lower) {
      return !inner.test(value, lower);
    }
  }
}
