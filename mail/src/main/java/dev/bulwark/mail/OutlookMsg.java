package dev.bulwark.mail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import org.apache.poi.poifs.filesystem.DirectoryEntry;
import org.apache.poi.poifs.filesystem.DocumentEntry;
import org.apache.poi.poifs.filesystem.DocumentInputStream;
import org.apache.poi.poifs.filesystem.Entry;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;

/**
 * Outlook {@code .msg} files: an OLE2 compound file whose streams hold MAPI properties. The
 * message's original transport headers, subject, bodies and attachments are read from their
 * property streams and rewritten as one MIME message, so a .msg is judged by exactly the same
 * parser and checks as an .eml. Bounded: the file, each property and each attachment are capped.
 */
public final class OutlookMsg {
  static final long MAX_FILE = 64L << 20;
  private static final int MAX_PROPERTY = 16 << 20;
  private static final int MAX_ATTACHMENTS = 200;

  private OutlookMsg() {}

  /** The .msg as RFC 5322 / MIME bytes. */
  public static byte[] toMime(InputStream in) throws IOException {
    byte[] file = in.readNBytes((int) MAX_FILE + 1);
    if (file.length > MAX_FILE) {
      throw new IOException(".msg larger than " + (MAX_FILE >> 20) + " MiB");
    }
    POIFSFileSystem fs;
    try {
      fs = new POIFSFileSystem(new java.io.ByteArrayInputStream(file));
    } catch (IOException | RuntimeException e) {
      throw new IOException("not an Outlook message (OLE2 compound file): " + e.getMessage(), e);
    }
    try (fs) {
      DirectoryEntry root = fs.getRoot();
      StringBuilder headers = new StringBuilder();
      String transport = text(root, "007D");
      if (transport != null && !transport.isBlank()) {
        // the original headers, as the receiving server saw them; MIME structure is rebuilt below
        for (String line : transport.replace("\r\n", "\n").split("\n(?![ \t])")) {
          String name = line.contains(":") ? line.substring(0, line.indexOf(':')).strip() : "";
          if (!name.isEmpty()
              && !name.equalsIgnoreCase("Content-Type")
              && !name.equalsIgnoreCase("Content-Transfer-Encoding")
              && !name.equalsIgnoreCase("MIME-Version")) {
            headers.append(line.replace("\n", "\r\n")).append("\r\n");
          }
        }
      } else {
        String name = text(root, "0C1A");
        String address = firstNonNull(text(root, "5D01"), text(root, "0C1F"));
        if (address != null) {
          headers
              .append("From: ")
              .append(name == null ? "" : "\"" + name.replace("\"", "") + "\" ")
              .append('<')
              .append(address.strip())
              .append(">\r\n");
        }
        String subject = text(root, "0037");
        if (subject != null) {
          headers.append("Subject: ").append(subject.replaceAll("[\r\n]+", " ")).append("\r\n");
        }
      }
      String boundary = "bulwark-msg-" + Long.toHexString(System.nanoTime());
      StringBuilder mime = new StringBuilder(headers);
      mime.append("MIME-Version: 1.0\r\n")
          .append("Content-Type: multipart/mixed; boundary=\"")
          .append(boundary)
          .append("\"\r\n\r\n");
      String body = text(root, "1000");
      if (body != null) {
        part(
            mime,
            boundary,
            "text/plain; charset=utf-8",
            null,
            body.getBytes(StandardCharsets.UTF_8));
      }
      byte[] html = bytes(root, "10130102");
      if (html == null) {
        String h = text(root, "1013");
        html = h == null ? null : h.getBytes(StandardCharsets.UTF_8);
      }
      if (html != null) {
        part(mime, boundary, "text/html; charset=utf-8", null, html);
      }
      int attachments = 0;
      for (Entry e : root) {
        if (e instanceof DirectoryEntry d
            && d.getName().startsWith("__attach_version1.0_")
            && attachments++ < MAX_ATTACHMENTS) {
          byte[] data = bytes(d, "37010102");
          if (data == null) {
            continue; // an embedded message or OLE object: not unpacked
          }
          String name = firstNonNull(text(d, "3707"), text(d, "3704"));
          String type = firstNonNull(text(d, "370E"), "application/octet-stream");
          part(mime, boundary, type.strip(), name == null ? "attachment" : name, data);
        }
      }
      mime.append("--").append(boundary).append("--\r\n");
      return mime.toString().getBytes(StandardCharsets.UTF_8);
    }
  }

  private static void part(
      StringBuilder mime, String boundary, String type, String filename, byte[] data) {
    mime.append("--").append(boundary).append("\r\nContent-Type: ").append(type);
    if (filename != null) {
      String safe = filename.replaceAll("[\"\r\n\\\\]", "_");
      mime.append("; name=\"")
          .append(safe)
          .append("\"\r\nContent-Disposition: attachment; filename=\"")
          .append(safe)
          .append('"');
    }
    mime.append("\r\nContent-Transfer-Encoding: base64\r\n\r\n")
        .append(Base64.getMimeEncoder().encodeToString(data))
        .append("\r\n");
  }

  /** A string property: UTF-16 ({@code 001F}) or 8-bit ({@code 001E}) stream. */
  private static String text(DirectoryEntry dir, String property) throws IOException {
    byte[] unicode = bytes(dir, property + "001F");
    if (unicode != null) {
      return strip(new String(unicode, StandardCharsets.UTF_16LE));
    }
    byte[] ansi = bytes(dir, property + "001E");
    return ansi == null ? null : strip(new String(ansi, StandardCharsets.ISO_8859_1));
  }

  private static String strip(String s) {
    int nul = s.indexOf('\0');
    return nul >= 0 ? s.substring(0, nul) : s;
  }

  private static byte[] bytes(DirectoryEntry dir, String tagAndType) throws IOException {
    String name = "__substg1.0_" + tagAndType.toUpperCase(Locale.ROOT);
    if (!dir.hasEntry(name) || !(dir.getEntry(name) instanceof DocumentEntry doc)) {
      return null;
    }
    try (DocumentInputStream in = new DocumentInputStream(doc)) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buf = new byte[8192];
      for (int n; out.size() < MAX_PROPERTY && (n = in.read(buf)) > 0; ) {
        out.write(buf, 0, Math.min(n, MAX_PROPERTY - out.size()));
      }
      return out.toByteArray();
    }
  }

  private static String firstNonNull(String a, String b) {
    return a != null ? a : b;
  }
}
