package dev.bulwark.hygiene.passwords;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;

/** SHA-1 of a password's UTF-8 bytes in upper-case hex, as Pwned Passwords indexes them. */
final class Sha1 {
  private Sha1() {}

  static String hex(Password p) {
    byte[] utf8 = p.utf8();
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-1").digest(utf8))
          .toUpperCase(Locale.ROOT);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-1", e);
    } finally {
      Arrays.fill(utf8, (byte) 0);
    }
  }

  /** A keyed digest used only in memory to tell which accounts share a password. */
  static String sameness(Password p, byte[] salt) {
    byte[] utf8 = p.utf8();
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(salt);
      return HexFormat.of().formatHex(md.digest(utf8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    } finally {
      Arrays.fill(utf8, (byte) 0);
    }
  }
}
