package dev.bulwark.mail;

import dev.bulwark.mail.message.MailMessage;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The messages of a mail file: one for {@code .eml}, each of an mbox ({@code .mbox}, mboxrd or
 * mboxo: a message starts at a line beginning "From " at the start of the file or after an empty
 * line; "&gt;From " lines are unescaped). Read as a stream: each message goes to the parser
 * straight from the file, bounded in bytes; a message that does not parse is reported and the rest
 * are still read.
 */
public final class Mailboxes {
  /** Largest message kept from an mbox; the rest of a longer one is skipped and reported. */
  static final int MAX_MESSAGE = 64 << 20;

  private Mailboxes() {}

  /** What to do with each message, and with each one that cannot be read. */
  public interface Visitor {
    void message(MailMessage m);

    void problem(String source, int index, String problem);
  }

  public static boolean isMail(String fileName) {
    String n = fileName.toLowerCase(Locale.ROOT);
    return n.endsWith(".eml") || n.endsWith(".mbox") || n.endsWith(".msg");
  }

  /** Whether a file holds many messages (an mbox) rather than one. */
  public static boolean isMailbox(String fileName) {
    return fileName.toLowerCase(Locale.ROOT).endsWith(".mbox");
  }

  public static void read(Path file, String source, Visitor visitor) throws IOException {
    if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".msg")) {
      byte[] mime;
      try (InputStream in = Files.newInputStream(file)) {
        mime = OutlookMsg.toMime(in);
      } catch (IOException | RuntimeException e) {
        visitor.problem(source, 0, "unreadable Outlook message: " + e.getMessage());
        return;
      }
      parse(new ByteArrayInputStream(mime), source, 0, visitor);
      return;
    }
    try (InputStream in = Files.newInputStream(file)) {
      read(in, source, isMailbox(file.getFileName().toString()), visitor);
    }
  }

  public static void read(InputStream raw, String source, boolean mbox, Visitor visitor)
      throws IOException {
    if (!mbox) {
      parse(raw, source, 0, visitor);
      return;
    }
    BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
    if (!skipToFirstFromLine(in)) {
      visitor.problem(source, 0, "not an mbox: no \"From \" line starts a message");
      return;
    }
    for (int index = 0; ; index++) {
      skipLine(in); // the "From " separator itself
      MessageStream message = new MessageStream(in);
      try {
        parse(message, source, index, visitor);
      } catch (IOException e) {
        visitor.problem(source, index, "unreadable message: " + e.getMessage());
      }
      message.drain();
      if (message.truncated) {
        visitor.problem(
            source, index, "message over " + (MAX_MESSAGE >> 20) + " MiB; the rest was skipped");
      }
      if (message.atEnd) {
        return;
      }
    }
  }

  /** Reads past whatever comes before the first line starting "From "; false at the end. */
  private static boolean skipToFirstFromLine(BufferedInputStream in) throws IOException {
    while (true) {
      if (startsWithFrom(in)) {
        return true;
      }
      if (!skipLine(in)) {
        return false;
      }
    }
  }

  /** Skips to just past the next newline; false when the input ended first. */
  private static boolean skipLine(InputStream in) throws IOException {
    for (int b = in.read(); b >= 0; b = in.read()) {
      if (b == '\n') {
        return true;
      }
    }
    return false;
  }

  /** Whether the next bytes are "From ", leaving them unread. */
  private static boolean startsWithFrom(BufferedInputStream in) throws IOException {
    in.mark(FROM.length);
    try {
      for (byte c : FROM) {
        if (in.read() != c) {
          return false;
        }
      }
      return true;
    } finally {
      in.reset();
    }
  }

  private static final byte[] FROM = "From ".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  /** Most '&gt;' quoting a "From " line that is still unescaped; more is left as it is. */
  private static final int MAX_QUOTES = 1024;

  /**
   * One message of an mbox as a stream, read straight from the file: it ends before a line that
   * starts "From " after an empty line, or at the end of the file, or after {@link #MAX_MESSAGE}
   * bytes (the rest is then skipped). "&gt;From " lines lose one '&gt;' (mboxrd). Nothing is
   * buffered beyond the file's read buffer, so neither a long line nor a large mailbox costs
   * memory.
   */
  private static final class MessageStream extends InputStream {
    private final BufferedInputStream in;
    private boolean lineStart = true;
    private boolean lineBlank = true;
    private boolean previousBlank;
    private long count;
    private boolean ended;
    boolean atEnd;
    boolean truncated;

    MessageStream(BufferedInputStream in) {
      this.in = in;
    }

    @Override
    public int read() throws IOException {
      if (count >= MAX_MESSAGE) {
        truncated |= !ended && next() >= 0;
        return -1;
      }
      int b = next();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      int n = 0;
      while (n < len) {
        int c = read();
        if (c < 0) {
          break;
        }
        b[off + n++] = (byte) c;
        if (c == '\n' && in.available() == 0) {
          break; // hand over a line without waiting for more input
        }
      }
      return n == 0 ? -1 : n;
    }

    /** Reads past the rest of the message, so that the input stands at the next one. */
    void drain() throws IOException {
      while (next() >= 0) {
        // what the parser left unread still counts towards the message's size
        if (++count > MAX_MESSAGE) {
          truncated = true;
        }
      }
    }

    private int next() throws IOException {
      if (ended) {
        return -1;
      }
      if (lineStart) {
        lineStart = false;
        if (previousBlank && startsWithFrom(in)) {
          ended = true;
          return -1;
        }
        if (quotedFrom()) {
          in.read(); // mboxrd: one '>' less
        }
      }
      int b = in.read();
      if (b < 0) {
        ended = true;
        atEnd = true;
        return -1;
      }
      if (b == '\n') {
        previousBlank = lineBlank;
        lineBlank = true;
        lineStart = true;
      } else if (b != '\r' && b != ' ' && b != '\t') {
        lineBlank = false;
      }
      return b;
    }

    /** Whether the line ahead is "&gt;…&gt;From ", leaving it unread. */
    private boolean quotedFrom() throws IOException {
      in.mark(MAX_QUOTES + FROM.length + 1);
      try {
        int quotes = 0;
        int c = in.read();
        while (c == '>' && quotes < MAX_QUOTES) {
          quotes++;
          c = in.read();
        }
        if (quotes == 0) {
          return false;
        }
        for (byte f : FROM) {
          if (c != f) {
            return false;
          }
          c = in.read();
        }
        return true;
      } finally {
        in.reset();
      }
    }
  }

  private static void parse(InputStream in, String source, int index, Visitor visitor)
      throws IOException {
    try {
      MailMessage m = MailParser.parse(source, index, in);
      visitor.message(m);
      // what a budget cut (parts, nesting, sizes) is said, naming the file and message
      for (String problem : m.problems()) {
        visitor.problem(source, index, problem);
      }
    } catch (RuntimeException e) {
      visitor.problem(source, index, "unreadable message: " + e.getMessage());
    }
  }
}
