package dev.bulwark.secrets;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/** Builds real-format tokens for tests, with valid checksums. */
public final class TestTokens {
  private static final String BASE62 =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

  private TestTokens() {}

  /** A classic GitHub token with a random-looking body derived from {@code seed}. */
  public static String github(long seed) {
    java.util.Random r = new java.util.Random(seed);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 30; i++) {
      b.append(alphabet.charAt(r.nextInt(alphabet.length())));
    }
    return github(b.toString());
  }

  /** A classic GitHub token (ghp_) whose last six characters are the CRC32 of the 30-char body. */
  public static String github(String body30) {
    if (body30.length() != 30) {
      throw new IllegalArgumentException("body must be 30 characters, got " + body30.length());
    }
    CRC32 crc = new CRC32();
    crc.update(body30.getBytes(StandardCharsets.US_ASCII));
    long v = crc.getValue();
    StringBuilder c = new StringBuilder();
    while (v > 0) {
      c.insert(0, BASE62.charAt((int) (v % 62)));
      v /= 62;
    }
    while (c.length() < 6) {
      c.insert(0, '0');
    }
    return "ghp_" + body30 + c;
  }
}
