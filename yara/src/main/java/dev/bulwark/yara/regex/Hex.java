package dev.bulwark.yara.regex;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses the body of a hex string: bytes with {@code ?} nibble wildcards, {@code ~} negation, jumps
 * {@code [n]}, {@code [n-m]}, {@code [n-]}, {@code [-]} and alternatives {@code ( a | b )}.
 */
public final class Hex {
  private final String src;
  private int pos;
  private int depth;

  private Hex(String src) {
    this.src = src;
  }

  public static Node parse(String body) throws RegexSyntaxException {
    Hex h = new Hex(body);
    Node n = h.alternatives(true);
    h.skip();
    if (h.pos < body.length()) {
      throw new RegexSyntaxException("unexpected '" + body.charAt(h.pos) + "'");
    }
    return n;
  }

  private void skip() {
    while (pos < src.length() && Character.isWhitespace(src.charAt(pos))) {
      pos++;
    }
  }

  private Node alternatives(boolean top) throws RegexSyntaxException {
    if (++depth > 100) {
      throw new RegexSyntaxException("alternatives nested too deeply");
    }
    List<Node> alts = new ArrayList<>();
    alts.add(sequence(top));
    skip();
    while (pos < src.length() && src.charAt(pos) == '|') {
      if (top) {
        throw new RegexSyntaxException("'|' outside parentheses");
      }
      pos++;
      alts.add(sequence(false));
      skip();
    }
    depth--;
    return alts.size() == 1 ? alts.get(0) : new Node.Alt(alts);
  }

  private Node sequence(boolean top) throws RegexSyntaxException {
    List<Node> items = new ArrayList<>();
    boolean lastWasJump = false;
    while (true) {
      skip();
      if (pos >= src.length()) {
        break;
      }
      char c = src.charAt(pos);
      if (c == '|' || c == ')') {
        break;
      }
      if (c == '[') {
        if (items.isEmpty() && top) {
          throw new RegexSyntaxException("a hex string cannot start with a jump");
        }
        pos++;
        items.add(jump());
        lastWasJump = true;
        continue;
      }
      lastWasJump = false;
      if (c == '(') {
        pos++;
        Node alt = alternatives(false);
        skip();
        if (pos >= src.length() || src.charAt(pos) != ')') {
          throw new RegexSyntaxException("missing ')'");
        }
        pos++;
        items.add(alt);
        continue;
      }
      boolean not = false;
      if (c == '~') {
        not = true;
        pos++;
        skip();
      }
      items.add(hexByte(not));
    }
    if (items.isEmpty()) {
      throw new RegexSyntaxException(top ? "empty hex string" : "empty alternative");
    }
    if (lastWasJump && top) {
      throw new RegexSyntaxException("a hex string cannot end with a jump");
    }
    return items.size() == 1 ? items.get(0) : new Node.Concat(items);
  }

  private Node jump() throws RegexSyntaxException {
    int close = src.indexOf(']', pos);
    if (close < 0) {
      throw new RegexSyntaxException("missing ']'");
    }
    String body = src.substring(pos, close).replace(" ", "").replace("\t", "");
    pos = close + 1;
    int min;
    int max;
    try {
      int dash = body.indexOf('-');
      if (dash < 0) {
        min = max = Integer.parseInt(body);
      } else {
        String a = body.substring(0, dash);
        String b = body.substring(dash + 1);
        min = a.isEmpty() ? 0 : Integer.parseInt(a);
        max = b.isEmpty() ? -1 : Integer.parseInt(b);
      }
    } catch (NumberFormatException e) {
      throw new RegexSyntaxException("invalid jump [" + body + "]");
    }
    if (min < 0 || (max >= 0 && max < min)) {
      throw new RegexSyntaxException("invalid jump [" + body + "]");
    }
    if (min > Regex.MAX_REPEAT || max > Regex.MAX_REPEAT) {
      throw new RegexSyntaxException("jump too large [" + body + "]");
    }
    return new Node.Repeat(Node.Bytes.any(), min, max, false);
  }

  private Node hexByte(boolean not) throws RegexSyntaxException {
    if (pos + 2 > src.length()) {
      throw new RegexSyntaxException("odd number of hex digits");
    }
    char hi = src.charAt(pos);
    char lo = src.charAt(pos + 1);
    int h = hi == '?' ? -1 : Character.digit(hi, 16);
    int l = lo == '?' ? -1 : Character.digit(lo, 16);
    if ((hi != '?' && h < 0) || (lo != '?' && l < 0)) {
      throw new RegexSyntaxException("invalid hex digit in '" + hi + lo + "'");
    }
    pos += 2;
    if (not && h < 0 && l < 0) {
      throw new RegexSyntaxException("~?? is not allowed");
    }
    long[] set = new long[4];
    for (int b = 0; b < 256; b++) {
      boolean ok = (h < 0 || (b >>> 4) == h) && (l < 0 || (b & 15) == l);
      if (ok != not) {
        set[b >>> 6] |= 1L << (b & 63);
      }
    }
    return new Node.Bytes(set);
  }
}
