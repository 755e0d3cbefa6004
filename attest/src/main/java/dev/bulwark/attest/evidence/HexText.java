package dev.bulwark.attest.evidence;

import java.util.HexFormat;

/**
 * Hex text as NVIDIA's tools write evidence: digits with optional spaces, newlines, {@code 0x} and
 * {@code \x} prefixes.
 */
public final class HexText {
  /** Far above the 4 KiB of a report: bounds the memory a hostile file can make us take. */
  public static final int MAX_CHARS = 4 << 20;

  private HexText() {}

  public static byte[] decode(String text, String source) throws ReportFormatException {
    if (text.length() > MAX_CHARS) {
      throw new ReportFormatException(
          source, "hex text of " + text.length() + " characters exceeds the limit " + MAX_CHARS);
    }
    StringBuilder digits = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        continue;
      }
      if ((c == '0' || c == '\\')
          && i + 1 < text.length()
          && (text.charAt(i + 1) == 'x' || text.charAt(i + 1) == 'X')) {
        i++;
        continue;
      }
      if (Character.digit(c, 16) < 0) {
        throw new ReportFormatException(
            source, "character " + i + " ('" + printable(c) + "') is not a hex digit");
      }
      digits.append(c);
    }
    if (digits.length() % 2 != 0) {
      throw new ReportFormatException(source, "odd number of hex digits (" + digits.length() + ")");
    }
    return HexFormat.of().parseHex(digits);
  }

  /** Lower-case hex of {@code bytes}. */
  public static String of(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  private static String printable(char c) {
    return c < 0x20 || c > 0x7e ? String.format("\\u%04x", (int) c) : String.valueOf(c);
  }
}
