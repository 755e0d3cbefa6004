package dev.bulwark.mail;

import dev.bulwark.mail.message.MailMessage;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The messages of a mail file: one for {@code .eml}, each of an mbox ({@code .mbox}, mboxrd or
 * mboxo: a message starts at a line beginning "From " at the start of the file or after an empty
 * line; "&gt;From " lines are unescaped). Read as a stream, one message in memory at a time, each
 * bounded; a message that does not parse is reported and the rest are still read.
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
    ByteArrayOutputStream message = new ByteArrayOutputStream();
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int index = -1;
    boolean previousBlank = true;
    boolean truncated = false;
    for (int b = in.read(); ; b = in.read()) {
      if (b >= 0) {
        line.write(b);
      }
      if (b != '\n' && b >= 0) {
        continue;
      }
      byte[] l = line.toByteArray();
      line.reset();
      if (l.length == 0 && b < 0) {
        break;
      }
      if (previousBlank && startsWith(l, "From ")) {
        if (index >= 0) {
          finish(message, source, index, truncated, visitor);
        }
        index++;
        message.reset();
        truncated = false;
      } else if (index >= 0) {
        byte[] content = unescape(l);
        if (message.size() + content.length <= MAX_MESSAGE) {
          message.write(content);
        } else {
          truncated = true;
        }
      }
      previousBlank = isBlank(l);
      if (b < 0) {
        break;
      }
    }
    if (index >= 0) {
      finish(message, source, index, truncated, visitor);
    } else {
      visitor.problem(source, 0, "not an mbox: no \"From \" line starts a message");
    }
  }

  private static void finish(
      ByteArrayOutputStream message, String source, int index, boolean truncated, Visitor visitor) {
    if (truncated) {
      visitor.problem(
          source, index, "message over " + (MAX_MESSAGE >> 20) + " MiB; the rest was skipped");
    }
    try {
      parse(new ByteArrayInputStream(message.toByteArray()), source, index, visitor);
    } catch (IOException e) {
      visitor.problem(source, index, "unreadable message: " + e.getMessage());
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

  /** mboxrd: a body line "&gt;From " (any number of '&gt;') loses one '&gt;'. */
  private static byte[] unescape(byte[] l) {
    int i = 0;
    while (i < l.length && l[i] == '>') {
      i++;
    }
    if (i > 0 && startsWith(l, i, "From ")) {
      byte[] out = new byte[l.length - 1];
      System.arraycopy(l, 1, out, 0, out.length);
      return out;
    }
    return l;
  }

  private static boolean startsWith(byte[] l, String prefix) {
    return startsWith(l, 0, prefix);
  }

  private static boolean startsWith(byte[] l, int at, String prefix) {
    if (l.length - at < prefix.length()) {
      return false;
    }
    for (int i = 0; i < prefix.length(); i++) {
      if (l[at + i] != prefix.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isBlank(byte[] l) {
    for (byte c : l) {
      if (c != '\r' && c != '\n' && c != ' ' && c != '\t') {
        return false;
      }
    }
    return true;
  }
}
