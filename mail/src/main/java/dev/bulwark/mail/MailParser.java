package dev.bulwark.mail;

import dev.bulwark.mail.message.Html;
import dev.bulwark.mail.message.Inspection;
import dev.bulwark.mail.message.MailMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.dom.field.ContentDispositionField;
import org.apache.james.mime4j.message.DefaultBodyDescriptorBuilder;
import org.apache.james.mime4j.message.MaximalBodyDescriptor;
import org.apache.james.mime4j.parser.AbstractContentHandler;
import org.apache.james.mime4j.parser.MimeStreamParser;
import org.apache.james.mime4j.stream.BodyDescriptor;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.util.CharsetUtil;
import org.apache.james.mime4j.util.MimeUtil;

/**
 * Parses RFC 5322 / MIME messages with mime4j's streaming parser, bounded: header fields are cut or
 * skipped before mime4j sees them ({@link BoundedHeaders}), parts, text kept and bytes read per
 * part are limited, and what was not inspected is reported as a problem. Parts are read however
 * deep they nest: hiding content below the level where a reader stops is an evasion, and the depth
 * itself is judged ({@code evasive-structure}). Bodies are decoded; attachments are measured and
 * their first bytes kept for type checks — never opened.
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
    // a stream of events, one part's body at a time: nothing of the message is held beyond the
    // text kept, the links and each attachment's measurements
    MimeStreamParser parser =
        new MimeStreamParser(config, DecodeMonitor.SILENT, new DefaultBodyDescriptorBuilder());
    parser.setContentDecoding(true);
    parser.setRecurse();
    BoundedHeaders bounded = new BoundedHeaders(in);
    PartLimit limited = new PartLimit(bounded);
    Parts parts = new Parts();
    List<MailMessage.Header> headers = new ArrayList<>();
    parser.setContentHandler(new Handler(headers, parts));
    try {
      parser.parse(limited);
    } catch (MimeException e) {
      parts.problems.add("malformed MIME: " + e.getMessage());
    }
    if (limited.cut) {
      parts.problems.add(
          "more than "
              + MAX_PARTS
              + " MIME boundaries; the message was read up to there, the rest skipped");
    }
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

  /** What the parser's events add up to: the top header, the text, the attachments. */
  private static final class Handler extends AbstractContentHandler {
    private final List<MailMessage.Header> headers;
    private final Parts parts;
    private int depth = -1;
    private boolean topHeaderDone;

    Handler(List<MailMessage.Header> headers, Parts parts) {
      this.headers = headers;
      this.parts = parts;
    }

    @Override
    public void startMessage() {
      enter();
    }

    /** One level down, into a part or an embedded message (the message itself is level 0). */
    private void enter() {
      depth++;
      parts.deepest = Math.max(parts.deepest, depth);
      if (depth > MailMessage.Structure.DEEP) {
        parts.tooDeep++;
      }
    }

    @Override
    public void endMessage() {
      depth--;
    }

    @Override
    public void startBodyPart() {
      enter();
    }

    @Override
    public void endBodyPart() {
      depth--;
    }

    @Override
    public void field(Field field) {
      if (!topHeaderDone && depth == 0) {
        headers.add(
            new MailMessage.Header(
                field.getName(), decodeHeader(MimeUtil.unfold(field.getBody()))));
      }
    }

    @Override
    public void endHeader() {
      if (depth == 0) {
        topHeaderDone = true;
      }
    }

    @Override
    public void body(BodyDescriptor bd, InputStream in) throws IOException {
      MaximalBodyDescriptor d = (MaximalBodyDescriptor) bd;
      String type =
          d.getMimeType() == null ? "text/plain" : d.getMimeType().toLowerCase(Locale.ROOT);
      String filename = d.getContentDispositionFilename();
      if (filename == null) {
        filename = d.getContentTypeParameters().get("name");
      }
      if (filename != null) {
        filename = decodeHeader(filename);
      }
      boolean attachment =
          filename != null
              || ContentDispositionField.DISPOSITION_TYPE_ATTACHMENT.equalsIgnoreCase(
                  d.getContentDispositionType());
      boolean text = type.startsWith("text/");
      Charset charset = charset(d.getCharset());
      if (text && !attachment) {
        int room = MAX_TOTAL_TEXT - parts.text.length() - parts.html.length();
        if (room <= 0) {
          parts.tooMuchText();
          return;
        }
        String t = read(new InputStreamReader(in, charset), parts, Math.min(MAX_TEXT, room));
        (type.equals("text/html") ? parts.html : parts.text).append(t).append('\n');
      } else if (text) {
        // the preview comes from the same pass that measures and hashes the attachment
        int room = Math.min(PREVIEW_CHARS, MAX_TOTAL_TEXT - parts.previewChars);
        Tee tee = new Tee(in, Math.max(0, 4 * room));
        Inspection seen = inspect(tee, filename, parts);
        String t = new String(tee.kept(), charset);
        t = t.substring(0, Math.min(t.length(), Math.max(0, room)));
        parts.previewChars += t.length();
        parts.attachments.add(new MailMessage.Attachment(filename, type, seen, t));
      } else {
        Inspection seen = inspect(in, filename, parts);
        String preview =
            type.contains("html") ? new String(seen.head(), StandardCharsets.UTF_8) : null;
        parts.attachments.add(new MailMessage.Attachment(filename, type, seen, preview));
      }
    }
  }

  private static final int PREVIEW_CHARS = 200_000;

  /**
   * Text kept from one message, over all its parts (and, apart, over all text attachments'
   * previews): a message of thousands of text parts must not keep thousands of megabytes.
   */
  static final int MAX_TOTAL_TEXT = 8 << 20;

  private static Charset charset(String name) {
    Charset c = name == null ? null : CharsetUtil.lookup(name);
    return c == null ? StandardCharsets.US_ASCII : c;
  }

  /** Passes a stream through, keeping a copy of its first bytes. */
  private static final class Tee extends java.io.FilterInputStream {
    private final java.io.ByteArrayOutputStream copy = new java.io.ByteArrayOutputStream();
    private final int max;

    Tee(InputStream in, int max) {
      super(in);
      this.max = max;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0 && copy.size() < max) {
        copy.write(b);
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0 && copy.size() < max) {
        copy.write(b, off, Math.min(n, max - copy.size()));
      }
      return n;
    }

    byte[] kept() {
      return copy.toByteArray();
    }
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
    int previewChars;
    int deepest;
    int tooDeep;
    private boolean tooMuchSaid;

    void tooMuchText() {
      if (!tooMuchSaid) {
        problems.add(
            "text parts longer than " + (MAX_TOTAL_TEXT >> 20) + " MiB in all; the rest not read");
        tooMuchSaid = true;
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

  private static String read(Reader r, Parts parts, int max) throws IOException {
    StringBuilder b = new StringBuilder();
    char[] buf = new char[8192];
    for (int n; (n = r.read(buf)) > 0; ) {
      if (b.length() + n > max) {
        b.append(buf, 0, max - b.length());
        if (max < MAX_TEXT) {
          parts.tooMuchText();
        } else {
          parts.problems.add("text part longer than 1 MiB; the rest was not read");
        }
        break;
      }
      b.append(buf, 0, n);
    }
    return b.toString();
  }
}
