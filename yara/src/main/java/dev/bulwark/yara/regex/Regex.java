package dev.bulwark.yara.regex;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses YARA's regular-expression dialect into a {@link Node} tree: literals, {@code .}, classes
 * with ranges and negation, {@code \w \W \s \S \d \D}, anchors {@code ^ $ \b \B}, groups,
 * alternation and the quantifiers {@code * + ? {n} {n,} {n,m} {,m}}, each optionally lazy.
 */
public final class Regex {
  /** Larger repetition bounds are refused, as YARA does. */
  public static final int MAX_REPEAT = 32767;

  private final String src;
  private final boolean nocase;
  private final boolean dotAll;
  private int pos;
  private int depth;

  private Regex(String src, boolean nocase, boolean dotAll) {
    this.src = src;
    this.nocase = nocase;
    this.dotAll = dotAll;
  }

  public static Node parse(String pattern, boolean nocase, boolean dotAll)
      throws RegexSyntaxException {
    Regex r = new Regex(pattern, nocase, dotAll);
    Node n = r.alternation();
    if (r.pos < pattern.length()) {
      throw new RegexSyntaxException("unexpected ')' at " + r.pos);
    }
    return n;
  }

  private Node alternation() throws RegexSyntaxException {
    if (++depth > 500) {
      throw new RegexSyntaxException("nested too deeply");
    }
    List<Node> alts = new ArrayList<>();
    alts.add(concat());
    while (pos < src.length() && src.charAt(pos) == '|') {
      pos++;
      alts.add(concat());
    }
    depth--;
    return alts.size() == 1 ? alts.get(0) : new Node.Alt(alts);
  }

  private Node concat() throws RegexSyntaxException {
    List<Node> items = new ArrayList<>();
    while (pos < src.length() && src.charAt(pos) != '|' && src.charAt(pos) != ')') {
      Node atom = atom();
      items.add(quantified(atom));
    }
    return items.size() == 1
        ? items.get(0)
        : items.isEmpty() ? new Node.Empty() : new Node.Concat(items);
  }

  private Node quantified(Node atom) throws RegexSyntaxException {
    boolean repeated = false;
    while (pos < src.length()) {
      char c = src.charAt(pos);
      int min;
      int max;
      if (c == '*') {
        min = 0;
        max = -1;
        pos++;
      } else if (c == '+') {
        min = 1;
        max = -1;
        pos++;
      } else if (c == '?') {
        min = 0;
        max = 1;
        pos++;
      } else if (c == '{' && isBrace()) {
        pos++;
        int[] mm = braces();
        min = mm[0];
        max = mm[1];
      } else {
        return atom;
      }
      if (atom instanceof Node.Assert || repeated) {
        throw new RegexSyntaxException("nothing to repeat at " + (pos - 1));
      }
      repeated = true;
      boolean greedy = true;
      if (pos < src.length() && src.charAt(pos) == '?') {
        greedy = false;
        pos++;
      }
      atom = new Node.Repeat(atom, min, max, greedy);
    }
    return atom;
  }

  private boolean isBrace() {
    int i = pos + 1;
    int digits = 0;
    while (i < src.length() && Character.isDigit(src.charAt(i))) {
      i++;
      digits++;
    }
    if (i < src.length() && src.charAt(i) == '}') {
      return digits > 0;
    }
    if (i < src.length() && src.charAt(i) == ',') {
      i++;
      int d2 = 0;
      while (i < src.length() && Character.isDigit(src.charAt(i))) {
        i++;
        d2++;
      }
      return i < src.length() && src.charAt(i) == '}' && (digits > 0 || d2 > 0);
    }
    return false;
  }

  private int[] braces() throws RegexSyntaxException {
    int min = 0;
    int s = pos;
    while (Character.isDigit(src.charAt(pos))) {
      pos++;
    }
    if (pos > s) {
      min = bound(src.substring(s, pos));
    }
    int max = min;
    if (src.charAt(pos) == ',') {
      pos++;
      int s2 = pos;
      while (Character.isDigit(src.charAt(pos))) {
        pos++;
      }
      max = pos > s2 ? bound(src.substring(s2, pos)) : -1;
    }
    pos++; // '}'
    if (max >= 0 && max < min) {
      throw new RegexSyntaxException("bad repeat interval {" + min + "," + max + "}");
    }
    return new int[] {min, max};
  }

  private static int bound(String digits) throws RegexSyntaxException {
    if (digits.length() > 6 || Integer.parseInt(digits) > MAX_REPEAT) {
      throw new RegexSyntaxException("repeat interval too large: " + digits);
    }
    return Integer.parseInt(digits);
  }

  private Node atom() throws RegexSyntaxException {
    char c = src.charAt(pos++);
    switch (c) {
      case '(':
        {
          if (src.startsWith("?:", pos)) {
            pos += 2;
          }
          Node n = alternation();
          if (pos >= src.length() || src.charAt(pos) != ')') {
            throw new RegexSyntaxException("missing ')'");
          }
          pos++;
          return n;
        }
      case '[':
        return cls();
      case '.':
        {
          Node.Bytes b = Node.Bytes.any();
          if (!dotAll) {
            b.set()[0] &= ~(1L << '\n');
          }
          return b;
        }
      case '^':
        return new Node.Assert(Node.Assert.Kind.BEGIN);
      case '$':
        return new Node.Assert(Node.Assert.Kind.END);
      case '\\':
        return escape(false, null);
      case '*', '+', '?':
        throw new RegexSyntaxException("nothing to repeat at " + (pos - 1));
      default:
        return literal(c);
    }
  }

  private Node literal(char c) {
    if (c < 0x80) {
      return single(c);
    }
    byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
    if (Character.isHighSurrogate(c) && pos < src.length()) {
      utf8 = src.substring(pos - 1, pos + 1).getBytes(StandardCharsets.UTF_8);
      pos++;
    }
    List<Node> items = new ArrayList<>();
    for (byte b : utf8) {
      items.add(Node.Bytes.of(b & 0xff));
    }
    return new Node.Concat(items);
  }

  private Node.Bytes single(int b) {
    if (nocase && Character.isLetter(b) && b < 0x80) {
      return Node.Bytes.of(Character.toLowerCase(b), Character.toUpperCase(b));
    }
    return Node.Bytes.of(b);
  }

  private static final String WORD =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_";

  /** Reads an escape; in a class, adds it to {@code into} and returns null. */
  private Node escape(boolean inClass, long[] into) throws RegexSyntaxException {
    if (pos >= src.length()) {
      throw new RegexSyntaxException("trailing backslash");
    }
    char e = src.charAt(pos++);
    long[] set = new long[4];
    switch (e) {
      case 'w', 'W' -> {
        for (char ch : WORD.toCharArray()) {
          add(set, ch);
        }
        if (e == 'W') {
          invert(set);
        }
      }
      case 'd', 'D' -> {
        for (char ch = '0'; ch <= '9'; ch++) {
          add(set, ch);
        }
        if (e == 'D') {
          invert(set);
        }
      }
      case 's', 'S' -> {
        for (char ch : " \t\n\r\f\u000b".toCharArray()) {
          add(set, ch);
        }
        if (e == 'S') {
          invert(set);
        }
      }
      case 'b', 'B' -> {
        if (inClass) {
          throw new RegexSyntaxException("\\" + e + " inside a character class");
        }
        return new Node.Assert(
            e == 'b' ? Node.Assert.Kind.WORD_BOUNDARY : Node.Assert.Kind.NOT_WORD_BOUNDARY);
      }
      case 'x' -> {
        if (pos + 2 > src.length()
            || Character.digit(src.charAt(pos), 16) < 0
            || Character.digit(src.charAt(pos + 1), 16) < 0) {
          throw new RegexSyntaxException("illegal escape \\x");
        }
        int v = Integer.parseInt(src.substring(pos, pos + 2), 16);
        pos += 2;
        return lit(v, inClass, into);
      }
      case 'n' -> {
        return lit('\n', inClass, into);
      }
      case 't' -> {
        return lit('\t', inClass, into);
      }
      case 'r' -> {
        return lit('\r', inClass, into);
      }
      case 'f' -> {
        return lit('\f', inClass, into);
      }
      case 'a' -> {
        return lit(7, inClass, into);
      }
      case 'v' -> {
        return lit(11, inClass, into);
      }
      case '0' -> {
        return lit(0, inClass, into);
      }
      default -> {
        if (Character.isLetterOrDigit(e)) {
          // YARA treats unknown letter escapes as the letter itself
          return lit(e, inClass, into);
        }
        return lit(e, inClass, into);
      }
    }
    if (inClass) {
      for (int i = 0; i < 4; i++) {
        into[i] |= set[i];
      }
      return null;
    }
    return new Node.Bytes(set);
  }

  private Node lit(int b, boolean inClass, long[] into) {
    if (b > 0xff) {
      b = b & 0xff;
    }
    if (inClass) {
      add(into, b);
      if (nocase && b < 0x80 && Character.isLetter(b)) {
        add(into, Character.toLowerCase(b));
        add(into, Character.toUpperCase(b));
      }
      return null;
    }
    return single(b);
  }

  private static void add(long[] set, int b) {
    set[b >>> 6] |= 1L << (b & 63);
  }

  private static void invert(long[] set) {
    for (int i = 0; i < 4; i++) {
      set[i] = ~set[i];
    }
  }

  private Node cls() throws RegexSyntaxException {
    long[] set = new long[4];
    boolean negate = false;
    if (pos < src.length() && src.charAt(pos) == '^') {
      negate = true;
      pos++;
    }
    boolean first = true;
    while (true) {
      if (pos >= src.length()) {
        throw new RegexSyntaxException("missing ']'");
      }
      char c = src.charAt(pos);
      if (c == ']' && !first) {
        pos++;
        break;
      }
      first = false;
      int lo;
      if (c == '\\') {
        pos++;
        char e = pos < src.length() ? src.charAt(pos) : 0;
        if ("wWdDsS".indexOf(e) >= 0) {
          escape(true, set);
          continue;
        }
        long[] one = new long[4];
        escape(true, one);
        lo = firstBit(one);
      } else {
        pos++;
        lo = c;
      }
      if (pos + 1 < src.length() && src.charAt(pos) == '-' && src.charAt(pos + 1) != ']') {
        pos++;
        int hi;
        char d = src.charAt(pos);
        if (d == '\\') {
          pos++;
          long[] one = new long[4];
          escape(true, one);
          hi = firstBit(one);
        } else {
          pos++;
          hi = d;
        }
        if (hi < lo) {
          throw new RegexSyntaxException("bad character range " + (char) lo + "-" + (char) hi);
        }
        for (int b = lo; b <= Math.min(hi, 255); b++) {
          addCase(set, b);
        }
      } else {
        addCase(set, lo & 0xff);
      }
    }
    if (negate) {
      invert(set);
    }
    return new Node.Bytes(set);
  }

  private void addCase(long[] set, int b) {
    add(set, b);
    if (nocase && b < 0x80 && Character.isLetter(b)) {
      add(set, Character.toLowerCase(b));
      add(set, Character.toUpperCase(b));
    }
  }

  private static int firstBit(long[] set) {
    for (int i = 0; i < 4; i++) {
      if (set[i] != 0) {
        return i * 64 + Long.numberOfTrailingZeros(set[i]);
      }
    }
    return 0;
  }
}
