package dev.bulwark.net.proto;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a streaming {@code multipart/*} body for the file names its parts declare in {@code
 * Content-Disposition}, which Zeek reports in http.log's {@code orig_filenames}. Only the part
 * headers are looked at; line length and the number of names kept are bounded.
 */
final class Multipart {
  static final int MAX_LINE = 4096;
  static final int MAX_NAMES = 64;

  private final String delimiter;
  private final StringBuilder line = new StringBuilder();
  private boolean overlong;
  private boolean inHeaders;
  private final List<String> names = new ArrayList<>();

  private Multipart(String boundary) {
    this.delimiter = "--" + boundary;
  }

  /** A reader for a Content-Type value, or null when it is not multipart with a boundary. */
  static Multipart of(String contentType) {
    if (contentType == null
        || !contentType.toLowerCase(Locale.ROOT).trim().startsWith("multipart/")) {
      return null;
    }
    String b = param(contentType, "boundary");
    return b == null || b.isEmpty() ? null : new Multipart(b);
  }

  List<String> names() {
    return names;
  }

  void feed(byte[] b, int off, int len) {
    for (int i = off; i < off + len; i++) {
      char c = (char) (b[i] & 0xff);
      if (c == '\n') {
        if (!overlong) {
          String l = line.toString();
          line(l.endsWith("\r") ? l.substring(0, l.length() - 1) : l);
        }
        line.setLength(0);
        overlong = false;
      } else if (!overlong) {
        line.append(c);
        if (line.length() > MAX_LINE) {
          overlong = true;
          line.setLength(0);
        }
      }
    }
  }

  private void line(String l) {
    if (l.startsWith(delimiter)) {
      // the closing delimiter ends the parts; any other starts one, headers first
      inHeaders = !l.startsWith(delimiter + "--");
      return;
    }
    if (!inHeaders) {
      return;
    }
    if (l.isEmpty()) {
      inHeaders = false;
      return;
    }
    int colon = l.indexOf(':');
    if (colon > 0
        && l.substring(0, colon).trim().equalsIgnoreCase("content-disposition")
        && names.size() < MAX_NAMES) {
      String name = param(l.substring(colon + 1), "filename");
      if (name != null) {
        names.add(name);
      }
    }
  }

  /** A parameter of a header value ({@code name=token} or {@code name="quoted"}), or null. */
  static String param(String value, String name) {
    String[] parts = value.split(";");
    for (int i = 1; i < parts.length; i++) {
      String p = parts[i].trim();
      int eq = p.indexOf('=');
      if (eq > 0 && p.substring(0, eq).trim().equalsIgnoreCase(name)) {
        String v = p.substring(eq + 1).trim();
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
          v = v.substring(1, v.length() - 1);
        }
        return v;
      }
    }
    return null;
  }
}
