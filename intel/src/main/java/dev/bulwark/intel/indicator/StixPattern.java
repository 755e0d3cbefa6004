package dev.bulwark.intel.indicator;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A STIX 2.1 pattern (STIX Patterning, spec §9) restricted to what Bulwark can compare against the
 * values it extracts: observation expressions joined by {@code AND}/{@code OR} and parentheses,
 * each a comparison expression over addresses, host names, URLs, mail addresses and file hashes
 * with {@code =}, {@code !=}, {@code IN}, {@code LIKE}, {@code MATCHES} and, for IPv4, {@code
 * ISSUBSET} (a CIDR block), each optionally negated with {@code NOT}.
 *
 * <p>Everything else is refused with {@link Unsupported} naming what and where, rather than read
 * loosely: {@code FOLLOWEDBY} and the qualifiers {@code WITHIN}, {@code REPEATS}, {@code START …
 * STOP} need event times Bulwark's extracted values do not carry, ordering comparisons and {@code
 * EXISTS} need typed objects, and other object paths (process, registry key …) are not extracted. A
 * pattern that is not valid STIX at all is refused the same way.
 *
 * <p>Semantics: the comparisons inside one {@code […]} must all hold for one record (a log line, a
 * finding, a file), as STIX asks of one observation; observation expressions joined by {@code AND}
 * may be satisfied by different records.
 */
public final class StixPattern {
  /** Longest pattern read; indicator patterns in practice are far shorter. */
  static final int MAX_LENGTH = 65_536;

  /** Deepest nesting of parentheses and brackets, so a hostile pattern cannot exhaust the stack. */
  static final int MAX_DEPTH = 64;

  /** A pattern Bulwark does not compare, with the reason. */
  public static final class Unsupported extends Exception {
    private static final long serialVersionUID = 1L;

    Unsupported(String message) {
      super(message);
    }
  }

  /** The comparison operators read. */
  public enum Op {
    EQ,
    IN,
    LIKE,
    MATCHES,
    ISSUBSET
  }

  /** A comparison expression, true or false for one record. */
  public sealed interface Comparison permits Test, AllOf, AnyOf {}

  /** One property test: the kinds its object path names, the operator and the literal(s). */
  public record Test(Set<Observable.Kind> kinds, Op op, boolean negated, List<String> values)
      implements Comparison {
    public Test {
      kinds = Set.copyOf(kinds);
      values = List.copyOf(values);
    }
  }

  /** Comparisons joined by AND. */
  public record AllOf(List<Comparison> parts) implements Comparison {
    public AllOf {
      parts = List.copyOf(parts);
    }
  }

  /** Comparisons joined by OR. */
  public record AnyOf(List<Comparison> parts) implements Comparison {
    public AnyOf {
      parts = List.copyOf(parts);
    }
  }

  /** An observation expression and its combinations. */
  public sealed interface Observation permits Single, Both, Either {}

  /** {@code [comparison]}. */
  public record Single(Comparison comparison) implements Observation {}

  /** Observation expressions joined by AND. */
  public record Both(List<Observation> parts) implements Observation {
    public Both {
      parts = List.copyOf(parts);
    }
  }

  /** Observation expressions joined by OR. */
  public record Either(List<Observation> parts) implements Observation {
    public Either {
      parts = List.copyOf(parts);
    }
  }

  private final String text;
  private final Observation root;

  private StixPattern(String text, Observation root) {
    this.text = text;
    this.root = root;
  }

  public String text() {
    return text;
  }

  public Observation root() {
    return root;
  }

  /** Parses {@code pattern}, or says why Bulwark does not compare it. */
  public static StixPattern parse(String pattern) throws Unsupported {
    if (pattern == null || pattern.isBlank()) {
      throw new Unsupported("the pattern is empty");
    }
    if (pattern.length() > MAX_LENGTH) {
      throw new Unsupported(
          "the pattern is " + pattern.length() + " characters, more than " + MAX_LENGTH);
    }
    Parser p = new Parser(pattern);
    Observation root = p.observations(0);
    p.skipSpace();
    if (!p.atEnd()) {
      throw p.error("unexpected text");
    }
    return new StixPattern(pattern, root);
  }

  /** Recursive descent over the pattern text. */
  private static final class Parser {
    private final String s;
    private int pos;

    Parser(String s) {
      this.s = s;
    }

    boolean atEnd() {
      return pos >= s.length();
    }

    void skipSpace() {
      while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
        pos++;
      }
    }

    Unsupported error(String what) {
      String near = s.substring(pos, Math.min(s.length(), pos + 24));
      return new Unsupported(
          what + " at character " + (pos + 1) + (near.isEmpty() ? "" : " ('" + near + "')"));
    }

    /** The next keyword (upper-cased) without consuming it, or "" when none. */
    String peekWord() {
      skipSpace();
      int e = pos;
      while (e < s.length() && Character.isLetter(s.charAt(e))) {
        e++;
      }
      return s.substring(pos, e).toUpperCase(Locale.ROOT);
    }

    boolean word(String w) {
      if (peekWord().equals(w)) {
        pos += w.length();
        return true;
      }
      return false;
    }

    boolean symbol(String sym) {
      skipSpace();
      if (s.startsWith(sym, pos)) {
        pos += sym.length();
        return true;
      }
      return false;
    }

    void depth(int d) throws Unsupported {
      if (d > MAX_DEPTH) {
        throw error("nesting deeper than " + MAX_DEPTH);
      }
    }

    Observation observations(int d) throws Unsupported {
      depth(d);
      List<Observation> any = new ArrayList<>();
      any.add(observationAnd(d));
      while (true) {
        if (word("OR")) {
          any.add(observationAnd(d));
        } else if (peekWord().equals("FOLLOWEDBY")) {
          throw error(
              "FOLLOWEDBY is not supported (it orders observations in time, which extracted"
                  + " values do not carry)");
        } else {
          break;
        }
      }
      return any.size() == 1 ? any.get(0) : new Either(any);
    }

    Observation observationAnd(int d) throws Unsupported {
      List<Observation> all = new ArrayList<>();
      all.add(observation(d));
      while (word("AND")) {
        all.add(observation(d));
      }
      return all.size() == 1 ? all.get(0) : new Both(all);
    }

    Observation observation(int d) throws Unsupported {
      Observation o;
      if (symbol("[")) {
        Comparison c = comparisons(d + 1);
        if (!symbol("]")) {
          throw error("expected ']'");
        }
        o = new Single(c);
      } else if (symbol("(")) {
        o = observations(d + 1);
        if (!symbol(")")) {
          throw error("expected ')'");
        }
      } else {
        throw error("expected '[' or '('");
      }
      String q = peekWord();
      if (q.equals("WITHIN") || q.equals("REPEATS") || q.equals("START")) {
        throw error(
            "the qualifier "
                + q
                + " is not supported (it needs event times, which extracted values do not carry)");
      }
      return o;
    }

    Comparison comparisons(int d) throws Unsupported {
      depth(d);
      List<Comparison> any = new ArrayList<>();
      any.add(comparisonAnd(d));
      while (word("OR")) {
        any.add(comparisonAnd(d));
      }
      return any.size() == 1 ? any.get(0) : new AnyOf(any);
    }

    Comparison comparisonAnd(int d) throws Unsupported {
      List<Comparison> all = new ArrayList<>();
      all.add(propTest(d));
      while (word("AND")) {
        all.add(propTest(d));
      }
      return all.size() == 1 ? all.get(0) : new AllOf(all);
    }

    Comparison propTest(int d) throws Unsupported {
      if (symbol("(")) {
        Comparison c = comparisons(d + 1);
        if (!symbol(")")) {
          throw error("expected ')'");
        }
        return c;
      }
      if (peekWord().equals("EXISTS")) {
        throw error("EXISTS is not supported (extracted values are not typed objects)");
      }
      int pathAt = pos;
      String path = objectPath();
      Set<Observable.Kind> kinds = kinds(path, pathAt);
      boolean negated = word("NOT");
      skipSpace();
      Op op;
      List<String> values = new ArrayList<>();
      if (symbol("!=")) {
        op = Op.EQ;
        negated = !negated;
        values.add(string());
      } else if (symbol("=")) {
        op = Op.EQ;
        values.add(string());
      } else if (s.startsWith("<", pos) || s.startsWith(">", pos)) {
        throw error("ordering comparisons (<, >, <=, >=) are not supported");
      } else if (word("IN")) {
        op = Op.IN;
        if (!symbol("(")) {
          throw error("expected '(' after IN");
        }
        do {
          values.add(string());
        } while (symbol(","));
        if (!symbol(")")) {
          throw error("expected ')' closing the IN set");
        }
      } else if (word("LIKE")) {
        op = Op.LIKE;
        values.add(string());
      } else if (word("MATCHES")) {
        op = Op.MATCHES;
        String re = string();
        try {
          Pattern.compile(re);
        } catch (PatternSyntaxException e) {
          throw new Unsupported("the MATCHES expression '" + re + "' is not a regular expression");
        }
        values.add(re);
      } else if (word("ISSUBSET")) {
        op = Op.ISSUBSET;
        if (!kinds.equals(EnumSet.of(Observable.Kind.IPV4))) {
          throw error("ISSUBSET is supported for IPv4 addresses only");
        }
        String cidr = string();
        if (Cidr.parse(cidr) == null) {
          throw new Unsupported("'" + cidr + "' is not an IPv4 address or CIDR block");
        }
        values.add(cidr);
      } else if (peekWord().equals("ISSUPERSET")) {
        throw error("ISSUPERSET is not supported");
      } else {
        throw error("expected a comparison operator");
      }
      return new Test(kinds, op, negated, values);
    }

    /** An object path as written, e.g. {@code file:hashes.'SHA-256'}. */
    String objectPath() throws Unsupported {
      skipSpace();
      int start = pos;
      while (pos < s.length()) {
        char c = s.charAt(pos);
        if (c == '\'') {
          int close = s.indexOf('\'', pos + 1);
          if (close < 0) {
            throw error("unterminated quoted path component");
          }
          pos = close + 1;
        } else if (Character.isLetterOrDigit(c) || "-_:.[]*".indexOf(c) >= 0) {
          pos++;
        } else {
          break;
        }
      }
      if (pos == start || s.indexOf(':', start) < 0 || s.indexOf(':', start) >= pos) {
        throw error("expected an object path such as ipv4-addr:value");
      }
      return s.substring(start, pos);
    }

    /** A single-quoted string literal with STIX's escapes (backslash before ' and \). */
    String string() throws Unsupported {
      skipSpace();
      if (pos < s.length() && "hbt".indexOf(s.charAt(pos)) >= 0 && s.startsWith("'", pos + 1)) {
        throw error("hex, binary and timestamp literals are not supported");
      }
      if (!s.startsWith("'", pos)) {
        throw error("expected a quoted string (numbers and booleans are not compared)");
      }
      StringBuilder b = new StringBuilder();
      int i = pos + 1;
      while (i < s.length()) {
        char c = s.charAt(i);
        if (c == '\\') {
          if (i + 1 >= s.length() || (s.charAt(i + 1) != '\'' && s.charAt(i + 1) != '\\')) {
            pos = i;
            throw error("only \\' and \\\\ may be escaped in a string");
          }
          b.append(s.charAt(i + 1));
          i += 2;
        } else if (c == '\'') {
          pos = i + 1;
          return b.toString();
        } else {
          b.append(c);
          i++;
        }
      }
      throw error("unterminated string");
    }

    /** The kinds of extracted value an object path names. */
    Set<Observable.Kind> kinds(String path, int at) throws Unsupported {
      String type = path.substring(0, path.indexOf(':')).toLowerCase(Locale.ROOT);
      String prop = path.substring(path.indexOf(':') + 1).replace("'", "");
      Set<Observable.Kind> out = EnumSet.noneOf(Observable.Kind.class);
      switch (type) {
        case "ipv4-addr" -> value(prop, out, Observable.Kind.IPV4);
        case "ipv6-addr" -> value(prop, out, Observable.Kind.IPV6);
        case "domain-name" -> value(prop, out, Observable.Kind.DOMAIN);
        case "url" -> value(prop, out, Observable.Kind.URL);
        case "email-addr" -> value(prop, out, Observable.Kind.EMAIL);
        case "email-message" -> {
          if (prop.matches("(from_ref|sender_ref|to_refs\\[\\*]|cc_refs\\[\\*])\\.value")) {
            out.add(Observable.Kind.EMAIL);
          }
        }
        case "network-traffic" -> {
          if (prop.matches("(src_ref|dst_ref)\\.value")) {
            out.add(Observable.Kind.IPV4);
            out.add(Observable.Kind.IPV6);
          }
        }
        case "file", "artifact" -> {
          switch (prop.toUpperCase(Locale.ROOT)) {
            case "HASHES.MD5" -> out.add(Observable.Kind.MD5);
            case "HASHES.SHA-1", "HASHES.SHA1" -> out.add(Observable.Kind.SHA1);
            case "HASHES.SHA-256", "HASHES.SHA256" -> out.add(Observable.Kind.SHA256);
            default -> {
              // stays empty: refused below
            }
          }
        }
        default -> {
          // stays empty: refused below
        }
      }
      if (out.isEmpty()) {
        int keep = pos;
        pos = at;
        Unsupported u =
            error(
                "the object path "
                    + path
                    + " is not supported (Bulwark compares ipv4-addr, ipv6-addr, domain-name, url"
                    + " and email-addr values and file hashes MD5, SHA-1, SHA-256)");
        pos = keep;
        throw u;
      }
      return out;
    }

    private static void value(String prop, Set<Observable.Kind> out, Observable.Kind k) {
      if (prop.equals("value")) {
        out.add(k);
      }
    }
  }

  /** An IPv4 address or CIDR block, as a network number and mask. */
  record Cidr(long network, long mask) {
    static Cidr parse(String s) {
      String[] parts = s.split("/", -1);
      if (parts.length > 2) {
        return null;
      }
      long addr = ipv4(parts[0]);
      if (addr < 0) {
        return null;
      }
      int bits = 32;
      if (parts.length == 2) {
        try {
          bits = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
          return null;
        }
        if (bits < 0 || bits > 32) {
          return null;
        }
      }
      long mask = bits == 0 ? 0 : (0xFFFFFFFFL << (32 - bits)) & 0xFFFFFFFFL;
      return new Cidr(addr & mask, mask);
    }

    boolean contains(String ip) {
      long a = ipv4(ip);
      return a >= 0 && (a & mask) == network;
    }

    static long ipv4(String s) {
      String[] o = s.split("\\.", -1);
      if (o.length != 4) {
        return -1;
      }
      long v = 0;
      for (String part : o) {
        if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)) {
          return -1;
        }
        int n = Integer.parseInt(part);
        if (n > 255) {
          return -1;
        }
        v = (v << 8) | n;
      }
      return v;
    }
  }

  /**
   * Values one of which a record must hold for the observation to possibly match, or null when none
   * can be named (negations, LIKE, MATCHES, ISSUBSET): lets a matcher look up candidate indicators
   * by value instead of trying each on every record.
   */
  static Set<Observable> anchors(Comparison c) {
    return switch (c) {
      case Test t -> {
        if (t.negated() || (t.op() != Op.EQ && t.op() != Op.IN)) {
          yield null;
        }
        Set<Observable> out = new LinkedHashSet<>();
        for (Observable.Kind k : t.kinds()) {
          for (String v : t.values()) {
            out.add(new Observable(k, v));
          }
        }
        yield out;
      }
      case AllOf a -> {
        Set<Observable> best = null;
        for (Comparison p : a.parts()) {
          Set<Observable> s = anchors(p);
          if (s != null && (best == null || s.size() < best.size())) {
            best = s;
          }
        }
        yield best;
      }
      case AnyOf o -> {
        Set<Observable> out = new LinkedHashSet<>();
        for (Comparison p : o.parts()) {
          Set<Observable> s = anchors(p);
          if (s == null) {
            yield null;
          }
          out.addAll(s);
        }
        yield out;
      }
    };
  }
}
