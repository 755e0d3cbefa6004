package dev.bulwark.core.files;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * Tells text from binary by looking at the first bytes of a file, and decodes text leniently:
 * malformed UTF-8 becomes U+FFFD instead of failing, so a stray Latin-1 byte never hides a file.
 */
public final class TextSniffer {

  /** What the first bytes say a file is. */
  public enum Kind {
    TEXT_UTF8,
    TEXT_UTF16LE,
    TEXT_UTF16BE,
    ZIP,
    BINARY
  }

  /** Bytes to read before deciding. */
  public static final int SNIFF_BYTES = 8192;

  private static final Set<String> BINARY_EXTENSIONS =
      Set.of(
          "png", "jpg", "jpeg", "gif", "bmp", "ico", "webp", "tif", "tiff", "psd", "mp3", "mp4",
          "mov", "avi", "mkv", "wav", "flac", "ogg", "woff", "woff2", "ttf", "otf", "eot", "class",
          "so", "dll", "dylib", "exe", "o", "a", "lib", "obj", "pyc", "pyo", "bin", "dat", "db",
          "sqlite", "iso", "img", "dmg", "gz", "bz2", "xz", "zst", "7z", "rar", "tgz", "pdf");

  private TextSniffer() {}

  /** Extensions that are never worth reading as text. */
  public static boolean isBinaryExtension(String extension) {
    return BINARY_EXTENSIONS.contains(extension.toLowerCase(Locale.ROOT));
  }

  public static Kind sniff(byte[] head, int length) {
    if (length >= 4
        && head[0] == 'P'
        && head[1] == 'K'
        && (head[2] == 3 || head[2] == 5)
        && (head[3] == 4 || head[3] == 6)) {
      return Kind.ZIP;
    }
    if (length >= 2 && (head[0] & 0xff) == 0xFF && (head[1] & 0xff) == 0xFE) {
      return Kind.TEXT_UTF16LE;
    }
    if (length >= 2 && (head[0] & 0xff) == 0xFE && (head[1] & 0xff) == 0xFF) {
      return Kind.TEXT_UTF16BE;
    }
    if (executableOrObject(head, length)) {
      return Kind.BINARY;
    }
    // NUL bytes alone never make a file binary: a NUL in front of a config file, or a file padded
    // with zeros, must not hide the text after it. What decides is the rest: control characters
    // other than whitespace and ESC, and bytes that are not UTF-8.
    int nul = 0;
    int control = 0;
    int notUtf8 = 0;
    for (int i = 0; i < length; i++) {
      int b = head[i] & 0xff;
      if (b == 0) {
        nul++;
      } else if (b < 0x09 || (b > 0x0d && b < 0x20 && b != 0x1b) || b == 0x7f) {
        control++;
      } else if (b >= 0x80) {
        int n = utf8Sequence(head, i, length);
        if (n == 0) {
          notUtf8++;
        } else {
          i += n - 1;
        }
      }
    }
    int rest = length - nul;
    if (rest == 0) {
      return Kind.TEXT_UTF8; // empty, or only zeros: nothing binary in it, text may follow
    }
    // Text has almost no control characters; a few percent means some binary format.
    if (control * 100 / rest > 10) {
      return Kind.BINARY;
    }
    // Compressed or encrypted data is mostly bytes that are not UTF-8; Latin-1 text has a few.
    return (control + notUtf8) * 100 / rest > 30 ? Kind.BINARY : Kind.TEXT_UTF8;
  }

  /** Executables, object and class files, databases: binary by their magic number. */
  private static boolean executableOrObject(byte[] h, int n) {
    if (n < 4) {
      return false;
    }
    int m = ((h[0] & 0xff) << 24) | ((h[1] & 0xff) << 16) | ((h[2] & 0xff) << 8) | (h[3] & 0xff);
    switch (m) {
      case 0x7f454c46, // ELF
          0xfeedface,
          0xfeedfacf,
          0xcefaedfe,
          0xcffaedfe, // Mach-O
          0xcafebabe, // Java class, Mach-O universal
          0x0061736d -> { // WebAssembly
        return true;
      }
      default -> {}
    }
    if (h[0] == 'M' && h[1] == 'Z' && n >= 0x40) {
      int pe = (h[0x3c] & 0xff) | (h[0x3d] & 0xff) << 8;
      return pe + 4 <= n && h[pe] == 'P' && h[pe + 1] == 'E' && h[pe + 2] == 0 && h[pe + 3] == 0;
    }
    return n >= 16 && new String(h, 0, 16, StandardCharsets.ISO_8859_1).equals("SQLite format 3\0");
  }

  /** The length of a well-formed UTF-8 sequence starting at {@code i}, or 0. */
  private static int utf8Sequence(byte[] b, int i, int length) {
    int lead = b[i] & 0xff;
    int n =
        lead >= 0xc2 && lead <= 0xdf
            ? 2
            : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
    if (n == 0) {
      return 0;
    }
    if (i + n > length) {
      return n; // cut off by the end of the sniffed bytes, not malformed
    }
    for (int k = 1; k < n; k++) {
      if ((b[i + k] & 0xc0) != 0x80) {
        return 0;
      }
    }
    return n;
  }

  /** Decodes UTF-8 leniently: malformed input becomes U+FFFD. */
  public static String decode(byte[] bytes, int offset, int length) {
    return decode(bytes, offset, length, StandardCharsets.UTF_8);
  }

  public static String decode(byte[] bytes, int offset, int length, Charset charset) {
    // The String constructor replaces malformed input with U+FFFD, and is intrinsified.
    return new String(bytes, offset, length, charset);
  }
}
