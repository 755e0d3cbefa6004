package dev.bulwark.mail;

import dev.bulwark.mail.message.Html;
import dev.bulwark.mail.message.Inspection;
import dev.bulwark.mail.message.MailMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.james.mime4j.dom.BinaryBody;
import org.apache.james.mime4j.dom.Body;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.dom.TextBody;
import org.apache.james.mime4j.dom.field.ContentDispositionField;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;

/**
 * Parses RFC 5322 / MIME messages with mime4j, bounded: header fields are cut or skipped before
 * mime4j sees them ({@link BoundedHeaders}), parts, text kept and bytes read per part are limited,
 * and what was not inspected is reported as a problem. Parts are read however deep they nest.
 * Bodies are decoded; attachments are measured and their first bytes kept for type checks — never
 * opened.
 */
public final class MailParser {
  private static final int MAX_TEXT = 1 << 20;
  private static final long MAX_PART = 64L << 20;
  private static final Pattern PLAIN_URL = Pattern.compile("https?://[^\\s<>\"')\\]]+");

  private MailParser() {}

  public static MailMessage parse(String source, int index, InputStream in) throws IOException {
    MimeConfig config =
        MimeConfig.custom()
            .setMaxHeaderCount(2000)
            .setMaxLineLen(-1)
            .setMaxHeaderLen(100_000)
            .setStrictParsing(false)
            .build();
    DefaultMessageBuilder builder = new DefaultMessageBuilder();
    builder.setMimeEntityConfig(config);
    BoundedHeaders bounded = new BoundedHeaders(in);
    PartLimit limited = new PartLimit(bounded);
    Message m = builder.parseMessage(limited);
    List<MailMessage.Header> headers = new ArrayList<>();
    for (Field f : m.getHeader().getFields()) {
      headers.add(new MailMessage.Header(f.getName(), decodeHeader(f.getBody())));
    }
    Parts parts = new Parts();
    if (limited.cut) {
      parts.problems.add(
          "more than "
              + MAX_PARTS
              + " MIME boundaries; the message was read up to there, the rest skipped");
    }
    walk(m, parts);
    parts.problems.addAll(bounded.problems());
    List<MailMessage.Link> links = new ArrayList<>();
    if (parts.html.length() > 0) {
      links.addAll(Html.links(parts.html.toString()));
    }
    // the text alternative of an HTML mail repeats the HTML part's links: those count once
    java.util.Set<String> inHtml = new java.util.HashSet<>();
    links.forEach(l -> inHtml.add(l.href()));
    Matcher u = PLAIN_URL.matcher(parts.text);
    while (u.find() && links.size() < 500) {
      if (!inHtml.contains(u.group())) {
        links.add(new MailMessage.Link("", u.group()));
      }
    }
    try {
      m.dispose();
    } catch (RuntimeException ignored) {
      // nothing held
    }
    return new MailMessage(
        source,
        index,
        headers,
        parts.text.toString(),
        parts.html.toString(),
        links,
        parts.attachments,
        parts.problems,
        new MailMessage.Structure(
            Math.max(parts.deepest, bounded.deepest()),
            Math.max(parts.tooDeep, bounded.tooDeep()),
            bounded.cuts(),
            bounded.cutCount(),
            bounded.skipped(),
            bounded.mostFields()));
  }

  private static String decodeHeader(String raw) {
    try {
      return org.apache.james.mime4j.codec.DecoderUtil.decodeEncodedWords(
              raw, org.apache.james.mime4j.codec.DecodeMonitor.SILENT)
          .strip();
    } catch (RuntimeException e) {
      return raw.strip();
    }
  }

  /**
   * Most MIME parts one message may have. The message is built as a tree before it is walked, and a
   * part costs kilobytes there whatever its size; a real message has a few dozen.
   */
  static final int MAX_PARTS = 10_000;

  /**
   * Ends the message after {@link #MAX_PARTS} lines that open with "--" (every boundary does; a
   * signature separator may too, which only makes the cut earlier), so a message of 100,000 parts
   * is built from its first ten thousand.
   */
  private static final class PartLimit extends java.io.FilterInputStream {
    private int boundaries;
    private int state = 1; // 1: at a line start, 2: after "-" there, 0: elsewhere
    boolean cut;

    PartLimit(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n <= 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (cut) {
        return -1;
      }
      int n = super.read(b, off, len);
      for (int i = off; i < off + n; i++) {
        byte c = b[i];
        if (c == '\n') {
          state = 1;
        } else if (c == '-' && state > 0) {
          if (state == 2 && ++boundaries > MAX_PARTS) {
            cut = true;
            // the line holding the boundary is dropped, so the part before it ends cleanly
            int lineStart = i;
            while (lineStart > off && b[lineStart - 1] != '\n') {
              lineStart--;
            }
            return lineStart - off == 0 ? -1 : lineStart - off;
          }
          state = state == 1 ? 2 : 0;
        } else {
          state = 0;
        }
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      byte[] buf = new byte[8192];
      long done = 0;
      while (done < n) {
        int r = read(buf, 0, (int) Math.min(buf.length, n - done));
        if (r < 0) {
          break;
        }
        done += r;
      }
      return done;
    }
  }

  private static final class Parts {
    final StringBuilder text = new StringBuilder();
    final StringBuilder html = new StringBuilder();
    final List<MailMessage.Attachment> attachments = new ArrayList<>();
    final List<String> problems = new ArrayList<>();
    int deepest;
    int tooDeep;
  }

  /**
   * Reads every part in message order. The walk keeps its own stack rather than recursing, so a
   * message nested thousands of levels deep is read to the bottom: hiding content below the level
   * where a reader stops is an evasion, and the depth itself is judged ({@code evasive-structure}).
   */
  private static void walk(Entity root, Parts parts) throws IOException {
    java.util.Deque<Entity> todo = new java.util.ArrayDeque<>();
    java.util.Deque<Integer> depths = new java.util.ArrayDeque<>();
    todo.push(root);
    depths.push(0);
    while (!todo.isEmpty()) {
      Entity e = todo.pop();
      int depth = depths.pop();
      parts.deepest = Math.max(parts.deepest, depth);
      if (depth > MailMessage.Structure.DEEP) {
        parts.tooDeep++;
      }
      Body body = e.getBody();
      if (body instanceof Multipart mp) {
        List<Entity> children = mp.getBodyParts();
        for (int i = children.size() - 1; i >= 0; i--) {
          todo.push(children.get(i));
          depths.push(depth + 1);
        }
      } else if (body instanceof Message inner) {
        todo.push(inner);
        depths.push(depth + 1);
      } else {
        leaf(e, body, parts);
      }
    }
  }

  private static void leaf(Entity e, Body body, Parts parts) throws IOException {
    String type = e.getMimeType() == null ? "text/plain" : e.getMimeType().toLowerCase(Locale.ROOT);
    String filename = e.getFilename();
    boolean attachment =
        filename != null
            || ContentDispositionField.DISPOSITION_TYPE_ATTACHMENT.equalsIgnoreCase(
                e.getDispositionType());
    if (body instanceof TextBody tb && !attachment) {
      String t = read(tb.getReader(), parts);
      (type.equals("text/html") ? parts.html : parts.text).append(t).append('\n');
    } else if (body instanceof TextBody tb) {
      Inspection seen;
      try (InputStream in = tb.getInputStream()) {
        seen = inspect(in, filename, parts);
      }
      String t = read(tb.getReader(), parts);
      parts.attachments.add(
          new MailMessage.Attachment(
              filename, type, seen, t.substring(0, Math.min(t.length(), 200_000))));
    } else if (body instanceof BinaryBody bb) {
      try (InputStream in = bb.getInputStream()) {
        Inspection seen = inspect(in, filename, parts);
        String preview =
            type.contains("html") ? new String(seen.head(), StandardCharsets.UTF_8) : null;
        parts.attachments.add(new MailMessage.Attachment(filename, type, seen, preview));
      }
    }
  }

  private static Inspection inspect(InputStream in, String filename, Parts parts)
      throws IOException {
    Inspection seen = Inspection.of(in, MAX_PART);
    if (seen.size() >= MAX_PART) {
      parts.problems.add(
          "attachment "
              + filename
              + " larger than "
              + (MAX_PART >> 20)
              + " MB; measured up to there");
    }
    return seen;
  }

  private static String read(Reader r, Parts parts) throws IOException {
    StringBuilder b = new StringBuilder();
    char[] buf = new char[8192];
    for (int n; (n = r.read(buf)) > 0; ) {
      if (b.length() + n > MAX_TEXT) {
        b.append(buf, 0, MAX_TEXT - b.length());
        parts.problems.add("text part longer than 1 MiB; the rest was not read");
        break;
      }
      b.append(buf, 0, n);
    }
    return b.toString();
  }
}
