package dev.bulwark.mail;

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
 * Parses RFC 5322 / MIME messages with mime4j, bounded: header count, line length, nesting, text
 * kept and bytes read per part are all limited, and what was cut is reported as a problem. Bodies
 * are decoded; attachments are measured and their first bytes kept for type checks — never opened.
 */
public final class MailParser {
  private static final int MAX_DEPTH = 12;
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
    Message m = builder.parseMessage(in);
    List<MailMessage.Header> headers = new ArrayList<>();
    for (Field f : m.getHeader().getFields()) {
      headers.add(new MailMessage.Header(f.getName(), decodeHeader(f.getBody())));
    }
    Parts parts = new Parts();
    walk(m, 0, parts);
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
        parts.problems);
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

  private static final class Parts {
    final StringBuilder text = new StringBuilder();
    final StringBuilder html = new StringBuilder();
    final List<MailMessage.Attachment> attachments = new ArrayList<>();
    final List<String> problems = new ArrayList<>();
  }

  private static void walk(Entity e, int depth, Parts parts) throws IOException {
    if (depth > MAX_DEPTH) {
      parts.problems.add("MIME nesting deeper than " + MAX_DEPTH + "; inner parts skipped");
      return;
    }
    Body body = e.getBody();
    String type = e.getMimeType() == null ? "text/plain" : e.getMimeType().toLowerCase(Locale.ROOT);
    String filename = e.getFilename();
    boolean attachment =
        filename != null
            || ContentDispositionField.DISPOSITION_TYPE_ATTACHMENT.equalsIgnoreCase(
                e.getDispositionType());
    if (body instanceof Multipart mp) {
      for (Entity child : mp.getBodyParts()) {
        walk(child, depth + 1, parts);
      }
    } else if (body instanceof Message inner) {
      walk(inner, depth + 1, parts);
    } else if (body instanceof TextBody tb && !attachment) {
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
