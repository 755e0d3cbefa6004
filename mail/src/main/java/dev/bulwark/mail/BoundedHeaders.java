package dev.bulwark.mail;

import dev.bulwark.mail.message.MailMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Bounds every header section of a MIME message before the MIME parser sees it: the message's own,
 * each part's (after a boundary line of a multipart it has seen declared) and each embedded
 * message's. A field keeps its first {@value #MAX_FIELD} bytes; a section keeps its first {@value
 * #MAX_FIELDS} fields and {@value #MAX_SECTION} bytes, beyond which fields are skipped — except the
 * first of each field that says who sent the message and how it is built, which an attacker would
 * otherwise push out with junk. Bodies pass through untouched. Memory is one field and the
 * boundaries declared so far, whatever the input; what was cut is counted for the report. It also
 * follows how deep parts nest, and hands containers below {@link #MAX_NESTING} levels to the parser
 * as plain text, which keeps the parser's time and stack bounded.
 *
 * <p>Without this, one header over the parser's limit or too many headers made the whole message
 * unreadable (never judged), and a header without those limits was held whole in memory.
 */
final class BoundedHeaders extends InputStream {
  static final int MAX_FIELD = MailMessage.Structure.MAX_FIELD;

  static final int MAX_FIELDS = MailMessage.Structure.MAX_FIELDS;

  /** Bytes one header section keeps. */
  static final int MAX_SECTION = 1 << 20;

  /** Longest line piece looked at in one go; longer lines are passed on in pieces. */
  private static final int CHUNK = 8 << 10;

  /** Deepest level whose containers the MIME parser is given as such. */
  static final int MAX_NESTING = 100;

  /** Longest boundary remembered (RFC 2046 allows 70 characters). */
  private static final int MAX_BOUNDARY = 200;

  /** Boundaries remembered; the parser stops at ten thousand parts anyway. */
  private static final int MAX_BOUNDARIES = 10_000;

  /** Cut header fields named in the report; the rest are counted. */
  private static final int NAMED = 5;

  /**
   * Fields kept (first of each name per section) even past the bounds: without them the checks
   * would not see the sender, the subject or the parts.
   */
  private static final Set<String> ESSENTIAL =
      Set.of(
          "from",
          "sender",
          "reply-to",
          "return-path",
          "to",
          "cc",
          "subject",
          "date",
          "message-id",
          "mime-version",
          "content-type",
          "content-transfer-encoding",
          "content-disposition");

  private static final Pattern BOUNDARY =
      Pattern.compile("(?i)[;\\s]boundary\\s*=\\s*(?:\"([^\"]{1,200})\"|([^\\s;\"]{1,200}))");

  private final InputStream in;
  private final byte[] buffer = new byte[CHUNK];
  private int bufferAt;
  private int bufferEnd;
  private final byte[] chunk = new byte[CHUNK];

  /** Each declared boundary and the level of the multipart that declared it. */
  private final java.util.Map<String, Integer> boundaries = new java.util.HashMap<>();

  private int matchedLevel;

  private byte[] pending = new byte[0];
  private int pendingAt;
  private boolean eof;
  private boolean atLineStart = true;
  private boolean inHeader = true;
  private boolean nextIsMessage;
  private boolean sectionEncoded;

  // the field being read
  private final ByteArrayOutputStream field = new ByteArrayOutputStream();
  private boolean inField;
  private long fieldBytes;
  private int fieldBreak;

  // the section being read
  private int sectionLevel;
  private int sectionFields;
  private long sectionBytes;
  private final Set<String> essentialSeen = new HashSet<>();

  // what was cut, for the report
  private final List<MailMessage.CutHeader> cuts = new ArrayList<>();
  private int cutCount;
  private int skipped;
  private long skippedBytes;
  private int mostFields;
  private int deepest;
  private int tooDeep;
  private int flattened;

  BoundedHeaders(InputStream in) {
    this.in = in;
  }

  /** The first header fields cut to {@link #MAX_FIELD}, in message order. */
  List<MailMessage.CutHeader> cuts() {
    return List.copyOf(cuts);
  }

  /** How many header fields were cut to {@link #MAX_FIELD}. */
  int cutCount() {
    return cutCount;
  }

  /** Header fields skipped past a section's bounds. */
  int skipped() {
    return skipped;
  }

  long skippedBytes() {
    return skippedBytes;
  }

  /** The most fields one header section had, skipped ones included. */
  int mostFields() {
    return mostFields;
  }

  /** The deepest level of a part or embedded message (the message itself is level 0). */
  int deepest() {
    return deepest;
  }

  /** Parts and embedded messages deeper than {@link MailMessage.Structure#DEEP} levels. */
  int tooDeep() {
    return tooDeep;
  }

  /** What the bounds kept from being inspected, one line each for the report. */
  List<String> problems() {
    List<String> out = new ArrayList<>();
    for (MailMessage.CutHeader c : cuts()) {
      out.add(
          String.format(
              Locale.ROOT,
              "header %s of %,d bytes: the first %d KiB were read, the rest not inspected",
              c.name(),
              c.bytes(),
              MAX_FIELD >> 10));
    }
    if (cutCount() > cuts().size()) {
      out.add(
          String.format(
              Locale.ROOT,
              "%,d more headers over %d KiB: the rest of each not inspected",
              cutCount() - cuts().size(),
              MAX_FIELD >> 10));
    }
    if (flattened > 0) {
      out.add(
          String.format(
              Locale.ROOT,
              "%,d containers below level %d were read as plain text: attachments inside them were"
                  + " not decoded",
              flattened,
              MAX_NESTING));
    }
    if (skipped() > 0) {
      out.add(
          String.format(
              Locale.ROOT,
              "%,d header fields (%,d bytes) past the %,d fields or %d MiB one header section may"
                  + " hold were not inspected",
              skipped(),
              skippedBytes(),
              MAX_FIELDS,
              MAX_SECTION >> 20));
    }
    return out;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n <= 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    while (pendingAt >= pending.length) {
      if (eof) {
        return -1;
      }
      step();
    }
    int n = Math.min(len, pending.length - pendingAt);
    System.arraycopy(pending, pendingAt, b, off, n);
    pendingAt += n;
    return n;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  private void emit(byte[] bytes, int len) {
    pending = java.util.Arrays.copyOf(bytes, len);
    pendingAt = 0;
  }

  /** Reads one line, or a piece of a long one, and decides what becomes of it. */
  private void step() throws IOException {
    int n = 0;
    while (n < CHUNK) {
      if (bufferAt == bufferEnd) {
        bufferEnd = Math.max(0, in.read(buffer, 0, buffer.length));
        bufferAt = 0;
        if (bufferEnd == 0) {
          break;
        }
      }
      byte c = buffer[bufferAt++];
      chunk[n++] = c;
      if (c == '\n') {
        break;
      }
    }
    boolean lineStart = atLineStart;
    atLineStart = n > 0 && chunk[n - 1] == '\n';
    if (n == 0) {
      eof = true;
      if (inField) {
        flushField();
      }
      return;
    }
    int boundary = lineStart ? boundary(n) : 0;
    if (!inHeader) {
      if (boundary == 1) {
        startSection(matchedLevel + 1);
      }
      emit(chunk, n);
      return;
    }
    if (lineStart && (isBlank(n) || boundary != 0)) {
      flushField();
      byte[] kept = pending;
      ByteArrayOutputStream out = new ByteArrayOutputStream(kept.length + n);
      out.write(kept, pendingAt, kept.length - pendingAt);
      out.write(chunk, 0, n);
      if (boundary == 1) {
        startSection(matchedLevel + 1);
      } else if (boundary == 2) {
        inHeader = false;
      } else if (nextIsMessage && !sectionEncoded) {
        startSection(sectionLevel + 1); // an embedded message: its own header section follows
      } else {
        inHeader = false;
      }
      emit(out.toByteArray(), out.size());
      return;
    }
    boolean continuation = !lineStart || chunk[0] == ' ' || chunk[0] == '\t';
    if (!continuation || !inField) {
      flushField();
      inField = true;
    }
    fieldBytes += n;
    fieldBreak =
        n > 1 && chunk[n - 2] == '\r' && chunk[n - 1] == '\n' ? 2 : chunk[n - 1] == '\n' ? 1 : 0;
    int room = MAX_FIELD - field.size();
    field.write(chunk, 0, Math.max(0, Math.min(room, n)));
  }

  private void startSection(int level) {
    sectionLevel = level;
    deepest = Math.max(deepest, level);
    if (level > MailMessage.Structure.DEEP) {
      tooDeep++;
    }
    inHeader = true;
    nextIsMessage = false;
    sectionEncoded = false;
    sectionFields = 0;
    sectionBytes = 0;
    essentialSeen.clear();
  }

  /** Ends the field read so far: keeps it (cut if it must be) or skips it; pending holds it. */
  private void flushField() {
    pending = new byte[0];
    pendingAt = 0;
    if (!inField) {
      return;
    }
    inField = false;
    byte[] raw = field.toByteArray();
    long size = fieldBytes;
    field.reset();
    fieldBytes = 0;
    String name = name(raw);
    String lower = name.toLowerCase(Locale.ROOT);
    sectionFields++;
    mostFields = Math.max(mostFields, sectionFields);
    boolean essential = ESSENTIAL.contains(lower) && !essentialSeen.contains(lower);
    boolean fits = sectionFields <= MAX_FIELDS && sectionBytes + raw.length <= MAX_SECTION;
    if (!fits && !essential) {
      skipped++;
      skippedBytes += size;
      return;
    }
    if (ESSENTIAL.contains(lower)) {
      essentialSeen.add(lower);
    }
    byte[] kept = raw;
    if (size > raw.length) {
      cutCount++;
      if (cuts.size() < NAMED) {
        cuts.add(new MailMessage.CutHeader(name, size - fieldBreak));
      }
      // the kept start must still end its line, so the next field begins on one of its own
      int end = raw.length;
      while (end > 0 && (raw[end - 1] == '\r' || raw[end - 1] == '\n')) {
        end--;
      }
      kept = java.util.Arrays.copyOf(raw, end + 2);
      kept[end] = '\r';
      kept[end + 1] = '\n';
    }
    sectionBytes += kept.length;
    if (lower.equals("content-type")) {
      kept = learn(kept);
    } else if (lower.equals("content-transfer-encoding")) {
      // an encoded embedded message is not a header section in the raw bytes
      String v = new String(kept, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
      sectionEncoded = v.contains("base64") || v.contains("quoted-printable");
    }
    pending = kept;
  }

  /**
   * Remembers a multipart's boundary and notes that an embedded message's header comes next. A
   * container below {@link #MAX_NESTING} is handed to the parser as plain text: the parser nests
   * one stream per level, so its time grows with the square of the depth and its stack overflows a
   * few thousand levels down. The levels below are still followed here, to measure the depth.
   */
  private byte[] learn(byte[] field) {
    String contentType = new String(field, StandardCharsets.ISO_8859_1);
    String value = contentType.substring(contentType.indexOf(':') + 1).strip();
    String type = value.toLowerCase(Locale.ROOT);
    nextIsMessage = type.startsWith("message/rfc822") || type.startsWith("message/global");
    boolean multipart = type.startsWith("multipart/");
    Matcher m = BOUNDARY.matcher(contentType);
    if (multipart && m.find() && boundaries.size() < MAX_BOUNDARIES) {
      boundaries.putIfAbsent(m.group(1) != null ? m.group(1) : m.group(2), sectionLevel);
    }
    if ((multipart || nextIsMessage) && sectionLevel >= MAX_NESTING) {
      flattened++;
      return "Content-Type: text/plain; charset=utf-8\r\n".getBytes(StandardCharsets.US_ASCII);
    }
    return field;
  }

  /**
   * 1 when the line opens a part of a declared multipart, 2 when it closes one, else 0. As in the
   * MIME parser, a line that starts with a declared boundary is one whatever follows it (the
   * longest declared boundary it starts with counts).
   */
  private int boundary(int n) {
    if (n < 3 || chunk[0] != '-' || chunk[1] != '-' || boundaries.isEmpty()) {
      return 0;
    }
    int end = n;
    while (end > 2 && isSpace(chunk[end - 1])) {
      end--;
    }
    String line = new String(chunk, 2, end - 2, StandardCharsets.ISO_8859_1);
    for (int k = Math.min(line.length(), MAX_BOUNDARY); k > 0; k--) {
      Integer level = boundaries.get(line.substring(0, k));
      if (level != null) {
        matchedLevel = level;
        return line.startsWith("--", k) ? 2 : 1;
      }
    }
    return 0;
  }

  private boolean isBlank(int n) {
    return (n == 1 && chunk[0] == '\n') || (n == 2 && chunk[0] == '\r' && chunk[1] == '\n');
  }

  private static boolean isSpace(byte c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
  }

  /** The field's name, for the report: up to the colon, printable, at most 80 characters. */
  private static String name(byte[] raw) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < raw.length && i < 80; i++) {
      int c = raw[i] & 0xff;
      if (c == ':' || c == '\r' || c == '\n') {
        break;
      }
      b.append(c > 32 && c < 127 ? (char) c : '?');
    }
    return b.toString().strip();
  }
}
