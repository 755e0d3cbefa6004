package dev.bulwark.logs.evtx;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The binary XML of one EVTX chunk: tokens, names and templates addressed by chunk offsets.
 * Templates are parsed once per chunk into trees with substitution slots; each record instantiates
 * its template with typed values (strings, integers, GUIDs, SIDs, FILETIMEs, hex numbers, arrays,
 * and nested binary XML).
 */
final class BinXml {
  /** A parse failure at a chunk offset. */
  static final class FormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    FormatException(String message) {
      super(message);
    }
  }

  // ---- the template tree

  sealed interface Content permits Text, Subst, Element, Instance {}

  record Text(String value) implements Content {}

  /** A substitution slot; {@code optional} slots vanish when their value is null. */
  record Subst(int index, boolean optional) implements Content {}

  record Attr(String name, List<Content> value) {}

  record Element(String name, List<Attr> attributes, List<Content> content) implements Content {}

  /** A template instance: the template's tree and the values for its slots. */
  record Instance(List<Content> template, Object[] values) implements Content {}

  /**
   * An array value. An element holding only such a value is repeated once per item, as Windows
   * renders it; anywhere else the items are joined with commas.
   */
  record Values(List<String> items) {
    @Override
    public String toString() {
      return String.join(", ", items);
    }
  }

  private static final int MAX_DEPTH = 64;

  private final byte[] b;
  private final int chunkBase;
  private final int chunkEnd;
  private final Map<Integer, String> names = new HashMap<>();
  private final Map<Integer, List<Content>> templates = new HashMap<>();

  private final boolean libevtxStyle;

  /**
   * {@code b} holds the chunk at [chunkBase, chunkEnd). With {@code libevtxStyle} hex numbers are
   * zero-padded and times carry nine fractional digits, as libevtx prints them; otherwise values
   * read as Windows renders them ({@code 0x3e7}, seven fractional digits), which is what detection
   * rules are written against.
   */
  BinXml(byte[] b, int chunkBase, int chunkEnd, boolean libevtxStyle) {
    this.b = b;
    this.chunkBase = chunkBase;
    this.chunkEnd = chunkEnd;
    this.libevtxStyle = libevtxStyle;
  }

  private int pos;
  private int steps;

  /**
   * Tokens one record may take to parse. Real records need a few hundred; a damaged one whose
   * templates refer to each other could otherwise keep the parser busy for ever.
   */
  private static final int MAX_STEPS = 1_000_000;

  /** Parses one record's binary XML fragment at an absolute position. */
  List<Content> fragment(int start, int end) {
    pos = start;
    steps = 0;
    return fragmentAt(end, 0);
  }

  private void step() {
    if (++steps > MAX_STEPS) {
      throw new FormatException("record takes more than " + MAX_STEPS + " tokens to parse");
    }
  }

  private List<Content> fragmentAt(int end, int depth) {
    List<Content> out = new ArrayList<>(1);
    while (pos < end) {
      step();
      int token = u8(pos);
      switch (token & 0x1f) {
        case 0x0f -> pos += 4; // fragment header: major, minor, flags
        case 0x00 -> {
          pos++;
          return out;
        }
        case 0x0c -> out.add(instance(depth));
        case 0x01 -> out.add(element(depth));
        default ->
            throw new FormatException(
                "unexpected token 0x"
                    + Integer.toHexString(token)
                    + " at chunk offset "
                    + (pos - chunkBase));
      }
    }
    return out;
  }

  private Instance instance(int depth) {
    if (depth > MAX_DEPTH) {
      throw new FormatException("binary XML nested too deeply");
    }
    pos += 2; // token, unknown
    pos += 4; // template id
    int defOffset = i32(pos);
    pos += 4;
    List<Content> template;
    if (chunkBase + defOffset == pos) {
      template = defineTemplate(pos, depth);
      int size = i32(pos + 20);
      pos += 24 + size;
    } else {
      template = templates.get(defOffset);
      if (template == null) {
        int save = pos;
        template = defineTemplate(chunkBase + defOffset, depth);
        pos = save;
      }
    }
    int count = i32(pos);
    pos += 4;
    if (count < 0 || count > 10_000) {
      throw new FormatException("implausible substitution count " + count);
    }
    int[] sizes = new int[count];
    int[] types = new int[count];
    for (int i = 0; i < count; i++) {
      sizes[i] = u16(pos);
      types[i] = u8(pos + 2);
      pos += 4;
    }
    Object[] values = new Object[count];
    for (int i = 0; i < count; i++) {
      int start = pos;
      values[i] = value(types[i], start, sizes[i], depth);
      pos = start + sizes[i];
    }
    return new Instance(template, values);
  }

  /** A template definition at an absolute offset: next offset, GUID, size, then its fragment. */
  private List<Content> defineTemplate(int at, int depth) {
    int rel = at - chunkBase;
    List<Content> cached = templates.get(rel);
    if (cached != null) {
      return cached;
    }
    check(at, 24);
    int size = i32(at + 20);
    int save = pos;
    pos = at + 24;
    List<Content> tree = fragmentAt(Math.min(at + 24 + size, chunkEnd), depth + 1);
    pos = save;
    templates.put(rel, tree);
    return tree;
  }

  private Element element(int depth) {
    if (depth > MAX_DEPTH) {
      throw new FormatException("binary XML nested too deeply");
    }
    int token = u8(pos);
    pos += 1;
    pos += 2; // dependency identifier
    pos += 4; // data size
    String name = readName();
    List<Attr> attrs = List.of();
    if ((token & 0x40) != 0) {
      int listSize = i32(pos);
      pos += 4;
      int end = pos + listSize;
      attrs = new ArrayList<>(4);
      while (pos < end && (u8(pos) & 0x1f) == 0x06) {
        pos += 1;
        String an = readName();
        attrs.add(new Attr(an, values(depth)));
      }
    }
    int close = u8(pos);
    pos++;
    if (close == 0x03) {
      return new Element(name, attrs, List.of());
    }
    if (close != 0x02) {
      throw new FormatException(
          "expected the end of a start element, found 0x"
              + Integer.toHexString(close)
              + " at chunk offset "
              + (pos - 1 - chunkBase));
    }
    List<Content> content = new ArrayList<>(2);
    while (true) {
      check(pos, 1);
      step();
      int t = u8(pos);
      switch (t & 0x1f) {
        case 0x04 -> {
          pos++;
          return new Element(name, attrs, content);
        }
        case 0x01 -> content.add(element(depth + 1));
        case 0x0c -> content.add(instance(depth + 1));
        case 0x00 -> {
          return new Element(name, attrs, content);
        }
        default -> {
          int before = pos;
          content.addAll(values(depth));
          if (pos == before) {
            throw new FormatException(
                "unexpected token 0x"
                    + Integer.toHexString(t)
                    + " in element content at chunk offset "
                    + (pos - chunkBase));
          }
        }
      }
    }
  }

  /** Value-like tokens in a row: text, substitutions, character and entity references, CDATA. */
  private List<Content> values(int depth) {
    List<Content> out = new ArrayList<>(1);
    while (pos < chunkEnd) {
      step();
      int t = u8(pos);
      switch (t & 0x1f) {
        case 0x05 -> {
          pos += 2; // token, value type (always a string here)
          int n = u16(pos);
          pos += 2;
          out.add(new Text(utf16(pos, n)));
          pos += 2 * n;
        }
        case 0x0d, 0x0e -> {
          int index = u16(pos + 1);
          pos += 4; // token, index, value type
          out.add(new Subst(index, (t & 0x1f) == 0x0e));
        }
        case 0x08 -> {
          out.add(new Text(String.valueOf((char) u16(pos + 1))));
          pos += 3;
        }
        case 0x09 -> {
          pos += 1;
          String entity = readName();
          out.add(
              new Text(
                  switch (entity) {
                    case "amp" -> "&";
                    case "lt" -> "<";
                    case "gt" -> ">";
                    case "quot" -> "\"";
                    case "apos" -> "'";
                    default -> "&" + entity + ";";
                  }));
        }
        case 0x07 -> {
          pos += 1;
          int n = u16(pos);
          pos += 2;
          out.add(new Text(utf16(pos, n)));
          pos += 2 * n;
        }
        case 0x0a, 0x0b ->
            throw new FormatException("processing instructions are not expected in event XML");
        default -> {
          return out;
        }
      }
    }
    return out;
  }

  /** A name at a chunk offset: next offset, hash, character count, UTF-16 characters. */
  private String name(int offset) {
    String n = names.get(offset);
    if (n != null) {
      return n;
    }
    int at = chunkBase + offset;
    check(at, 8);
    int len = u16(at + 6);
    check(at + 8, 2 * len);
    n = utf16(at + 8, len);
    names.put(offset, n);
    return n;
  }

  /**
   * Reads a name reference; when the name is defined right where it is used, the parser steps over
   * its definition (next offset, hash, count, characters, terminating NUL).
   */
  private String readName() {
    int offset = i32(pos);
    pos += 4;
    String n = name(offset);
    if (chunkBase + offset == pos) {
      pos += 10 + 2 * n.length();
    }
    return n;
  }

  // ---- values

  private Object value(int type, int at, int size, int depth) {
    if (size == 0 || type == 0x00) {
      return null;
    }
    check(at, size);
    if ((type & 0x80) != 0) {
      return array(type & 0x7f, at, size);
    }
    return switch (type) {
      case 0x01 -> trimNul(utf16(at, size / 2));
      case 0x02 -> trimNul(new String(b, at, size, StandardCharsets.ISO_8859_1));
      case 0x03 -> Integer.toString(b[at]);
      case 0x04 -> Integer.toString(u8(at));
      case 0x05 -> Integer.toString((short) u16(at));
      case 0x06 -> Integer.toString(u16(at));
      case 0x07 -> Integer.toString(i32(at));
      case 0x08 -> Long.toString(i32(at) & 0xffffffffL);
      case 0x09 -> Long.toString(i64(at));
      case 0x0a -> Long.toUnsignedString(i64(at));
      case 0x0b -> Float.toString(Float.intBitsToFloat(i32(at)));
      case 0x0c -> Double.toString(Double.longBitsToDouble(i64(at)));
      case 0x0d -> i32(at) != 0 ? "true" : "false";
      case 0x0e -> hex(at, size);
      case 0x0f -> guid(at);
      case 0x10 -> size == 8 ? hex64(i64(at)) : hex32(i32(at));
      case 0x11 -> libevtxStyle ? filetime(i64(at)) : windowsTime(i64(at));
      case 0x12 -> systemtime(at);
      case 0x13 -> sid(at, size);
      case 0x14 -> hex32(i32(at));
      case 0x15 -> hex64(i64(at));
      case 0x21 -> {
        int save = pos;
        pos = at;
        List<Content> nested = fragmentAt(at + size, depth + 1);
        pos = save;
        yield nested;
      }
      default -> hex(at, size);
    };
  }

  private String hex32(int v) {
    return libevtxStyle ? "0x" + hexPad(v & 0xffffffffL, 8, false) : "0x" + Integer.toHexString(v);
  }

  private String hex64(long v) {
    return libevtxStyle ? "0x" + hexPad(v, 16, false) : "0x" + Long.toHexString(v);
  }

  /** FILETIME as Windows renders it in event XML: seven fractional digits. */
  static String windowsTime(long ticks) {
    String s = filetime(ticks);
    return s.substring(0, s.length() - 3) + "Z";
  }

  /** FILETIME ticks as an instant. */
  static java.time.Instant instant(long ticks) {
    long unix100ns = ticks - 116444736000000000L;
    return java.time.Instant.ofEpochSecond(
        Math.floorDiv(unix100ns, 10_000_000L), Math.floorMod(unix100ns, 10_000_000L) * 100);
  }

  private Values array(int type, int at, int size) {
    List<String> items = new ArrayList<>();
    switch (type) {
      case 0x01 -> {
        String all = utf16(at, size / 2);
        for (String s : all.split("\u0000", -1)) {
          items.add(s);
        }
        if (!items.isEmpty() && items.get(items.size() - 1).isEmpty()) {
          items.remove(items.size() - 1);
        }
      }
      case 0x02 -> {
        for (String s : new String(b, at, size, StandardCharsets.ISO_8859_1).split("\u0000")) {
          items.add(s);
        }
      }
      default -> {
        int width =
            switch (type) {
              case 0x03, 0x04 -> 1;
              case 0x05, 0x06 -> 2;
              case 0x07, 0x08, 0x0b, 0x0d, 0x14 -> 4;
              case 0x0f, 0x12 -> 16;
              default -> 8;
            };
        for (int o = at; o + width <= at + size; o += width) {
          Object v = value(type, o, width, 0);
          items.add(v == null ? "" : v.toString());
        }
      }
    }
    return new Values(items);
  }

  static String trimNul(String s) {
    int end = s.length();
    while (end > 0 && s.charAt(end - 1) == 0) {
      end--;
    }
    return end == s.length() ? s : s.substring(0, end);
  }

  private String hex(int at, int size) {
    StringBuilder sb = new StringBuilder(size * 2);
    for (int i = 0; i < size; i++) {
      sb.append(Character.toUpperCase(Character.forDigit((b[at + i] >> 4) & 0xf, 16)))
          .append(Character.toUpperCase(Character.forDigit(b[at + i] & 0xf, 16)));
    }
    return sb.toString();
  }

  private String guid(int at) {
    StringBuilder g = new StringBuilder(38).append('{');
    g.append(hexPad(i32(at) & 0xffffffffL, 8, true)).append('-');
    g.append(hexPad(u16(at + 4), 4, true)).append('-');
    g.append(hexPad(u16(at + 6), 4, true)).append('-');
    g.append(hexPad(u8(at + 8), 2, true)).append(hexPad(u8(at + 9), 2, true)).append('-');
    for (int i = 10; i < 16; i++) {
      g.append(hexPad(u8(at + i), 2, true));
    }
    return g.append('}').toString();
  }

  /** Hex digits of v, zero-padded to width (v is treated as unsigned). */
  static String hexPad(long v, int width, boolean upper) {
    char[] out = new char[width];
    String digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    for (int i = width - 1; i >= 0; i--) {
      out[i] = digits.charAt((int) (v & 0xf));
      v >>>= 4;
    }
    return new String(out);
  }

  private static void dec(StringBuilder b, long v, int width) {
    String s = Long.toString(v);
    for (int i = s.length(); i < width; i++) {
      b.append('0');
    }
    b.append(s);
  }

  /**
   * FILETIME: 100-nanosecond ticks since 1601, shown with nine fractional digits as libevtx does.
   */
  static String filetime(long ticks) {
    long unix100ns = ticks - 116444736000000000L;
    long seconds = Math.floorDiv(unix100ns, 10_000_000L);
    long frac = Math.floorMod(unix100ns, 10_000_000L);
    LocalDateTime t = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
    return timestamp(
        t.getYear(),
        t.getMonthValue(),
        t.getDayOfMonth(),
        t.getHour(),
        t.getMinute(),
        t.getSecond(),
        frac,
        7,
        "00Z");
  }

  private static String timestamp(
      int year,
      int month,
      int day,
      int hour,
      int minute,
      int second,
      long frac,
      int fracWidth,
      String tail) {
    StringBuilder b = new StringBuilder(32);
    dec(b, year, 4);
    b.append('-');
    dec(b, month, 2);
    b.append('-');
    dec(b, day, 2);
    b.append('T');
    dec(b, hour, 2);
    b.append(':');
    dec(b, minute, 2);
    b.append(':');
    dec(b, second, 2);
    b.append('.');
    dec(b, frac, fracWidth);
    return b.append(tail).toString();
  }

  private String systemtime(int at) {
    return timestamp(
        u16(at),
        u16(at + 2),
        u16(at + 6),
        u16(at + 8),
        u16(at + 10),
        u16(at + 12),
        u16(at + 14),
        3,
        "000000Z");
  }

  private String sid(int at, int size) {
    int rev = u8(at);
    int count = u8(at + 1);
    if (8 + 4 * count > size) {
      return hex(at, size);
    }
    long authority = 0;
    for (int i = 2; i < 8; i++) {
      authority = (authority << 8) | u8(at + i);
    }
    StringBuilder sb = new StringBuilder("S-").append(rev).append('-').append(authority);
    for (int i = 0; i < count; i++) {
      sb.append('-').append(i32(at + 8 + 4 * i) & 0xffffffffL);
    }
    return sb.toString();
  }

  // ---- bytes

  private void check(int at, int len) {
    if (at < chunkBase || len < 0 || at + len > chunkEnd) {
      throw new FormatException(
          "reference outside the chunk (offset " + (at - chunkBase) + ", length " + len + ")");
    }
  }

  private int u8(int at) {
    if (at >= chunkEnd || at < chunkBase) {
      throw new FormatException("read past the end of the chunk at offset " + (at - chunkBase));
    }
    return b[at] & 0xff;
  }

  private int u16(int at) {
    check(at, 2);
    return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8;
  }

  private int i32(int at) {
    check(at, 4);
    return (b[at] & 0xff)
        | (b[at + 1] & 0xff) << 8
        | (b[at + 2] & 0xff) << 16
        | (b[at + 3] & 0xff) << 24;
  }

  private long i64(int at) {
    return (i32(at) & 0xffffffffL) | ((long) i32(at + 4) << 32);
  }

  private String utf16(int at, int chars) {
    check(at, 2 * chars);
    // Event text is mostly ASCII; building it directly skips the general decoder.
    char[] out = new char[chars];
    for (int i = 0; i < chars; i++) {
      int lo = b[at + 2 * i] & 0xff;
      int hi = b[at + 2 * i + 1] & 0xff;
      char c = (char) (lo | hi << 8);
      if (Character.isSurrogate(c)) {
        return new String(b, at, 2 * chars, StandardCharsets.UTF_16LE);
      }
      out[i] = c;
    }
    return new String(out);
  }
}
