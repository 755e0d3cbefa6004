package dev.bulwark.compliance.assess;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * Name-based version 5 UUIDs (OSCAL accepts versions 4 and 5 only): the same assessment of the same
 * evidence gets the same ids, so results diff cleanly between runs.
 */
final class OscalIds {
  private OscalIds() {}

  static String of(String... parts) {
    try {
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      for (String p : parts) {
        sha1.update(p.getBytes(StandardCharsets.UTF_8));
        sha1.update((byte) 0);
      }
      byte[] h = sha1.digest();
      h[6] = (byte) ((h[6] & 0x0f) | 0x50);
      h[8] = (byte) ((h[8] & 0x3f) | 0x80);
      long msb = 0;
      long lsb = 0;
      for (int i = 0; i < 8; i++) {
        msb = (msb << 8) | (h[i] & 0xff);
        lsb = (lsb << 8) | (h[i + 8] & 0xff);
      }
      return new UUID(msb, lsb).toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is required of every JDK", e);
    }
  }
}
