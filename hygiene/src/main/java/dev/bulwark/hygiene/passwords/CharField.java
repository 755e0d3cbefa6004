package dev.bulwark.hygiene.passwords;

import java.util.Arrays;

/** A growable char buffer that zeroes every array it lets go of. */
final class CharField {
  private char[] buf = new char[32];
  private int len;

  void append(char c) {
    if (len == buf.length) {
      char[] bigger = Arrays.copyOf(buf, buf.length * 2);
      Arrays.fill(buf, '\0');
      buf = bigger;
    }
    buf[len++] = c;
  }

  void append(char[] src, int off, int n) {
    for (int i = 0; i < n; i++) {
      append(src[off + i]);
    }
  }

  int length() {
    return len;
  }

  /** The content as a new array; this buffer is zeroed and emptied. */
  char[] take() {
    char[] out = Arrays.copyOf(buf, len);
    clear();
    return out;
  }

  /** For fields that are not secret (site, user, dates). */
  String takeString() {
    String s = new String(buf, 0, len);
    clear();
    return s;
  }

  void clear() {
    Arrays.fill(buf, 0, len, '\0');
    len = 0;
  }
}
