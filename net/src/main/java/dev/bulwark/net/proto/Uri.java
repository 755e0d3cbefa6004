package dev.bulwark.net.proto;

import java.io.ByteArrayOutputStream;

/** Zeek logs URIs with percent-escapes decoded where they form a complete escape. */
final class Uri {
  private Uri() {}

  static String decodeForLog(String uri) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(uri.length());
    for (int i = 0; i < uri.length(); i++) {
      char c = uri.charAt(i);
      if (c == '%'
          && i + 2 < uri.length() + 0
          && i + 2 <= uri.length() - 1
          && hex(uri.charAt(i + 1)) >= 0
          && hex(uri.charAt(i + 2)) >= 0) {
        out.write(hex(uri.charAt(i + 1)) << 4 | hex(uri.charAt(i + 2)));
        i += 2;
      } else {
        out.write(c & 0xff);
      }
    }
    byte[] b = out.toByteArray();
    return Text.of(b, 0, b.length);
  }

  /** The weird Zeek reports for an escape cut by the URI's end, or {@code null}. */
  static String escapeProblem(String uri) {
    int n = uri.length();
    if (n >= 1 && uri.charAt(n - 1) == '%') {
      return "illegal_%_at_end_of_URI";
    }
    if (n >= 2 && uri.charAt(n - 2) == '%' && hex(uri.charAt(n - 1)) >= 0) {
      return "partial_escape_at_end_of_URI";
    }
    return null;
  }

  private static int hex(char c) {
    return Character.digit(c, 16);
  }
}
