package dev.bulwark.net.proto;

/**
 * Bytes from the wire as text: valid UTF-8 decodes, every other byte becomes the lone surrogate
 * {@code U+DC00 + byte}, which the log writer escapes as {@code \xNN} as Zeek does.
 */
public final class Text {
  private Text() {}

  public static String of(byte[] b, int off, int len) {
    StringBuilder s = new StringBuilder(len);
    int i = off;
    int end = off + len;
    while (i < end) {
      int c = b[i] & 0xff;
      if (c < 0x80) {
        s.append((char) c);
        i++;
        continue;
      }
      int n = c >= 0xf0 && c < 0xf5 ? 3 : c >= 0xe0 ? 2 : c >= 0xc2 && c < 0xe0 ? 1 : -1;
      if (c >= 0xf5) {
        n = -1;
      }
      boolean ok = n > 0 && i + n < end + 0 && i + n <= end - 0;
      if (ok) {
        int cp = c & (0x3f >> n);
        for (int k = 1; k <= n; k++) {
          int cc = b[i + k] & 0xff;
          if ((cc & 0xc0) != 0x80) {
            ok = false;
            break;
          }
          cp = cp << 6 | (cc & 0x3f);
        }
        if (ok
            && (n == 2 && cp < 0x800
                || n == 3 && (cp < 0x10000 || cp > 0x10ffff)
                || cp >= 0xd800 && cp < 0xe000)) {
          ok = false;
        }
        if (ok) {
          s.appendCodePoint(cp);
          i += n + 1;
          continue;
        }
      }
      s.append((char) (0xdc00 + c));
      i++;
    }
    return s.toString();
  }

  public static String ascii(byte[] b, int off, int len) {
    return of(b, off, len);
  }
}
