package dev.bulwark.attest.cert;

import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Optional;

/**
 * The firmware id the GPU's leaf certificate binds: the last 48 bytes of its TCG DICE TcbInfo
 * extension (OID 2.23.133.5.4.1, or 2.23.133.5.4.1.1 on some parts).
 */
public final class Fwid {
  static final int LENGTH = 48;

  private Fwid() {}

  public static Optional<byte[]> of(X509Certificate leaf) {
    for (String oid : new String[] {"2.23.133.5.4.1", "2.23.133.5.4.1.1"}) {
      byte[] ext = leaf.getExtensionValue(oid);
      if (ext != null && ext.length >= LENGTH) {
        // the value comes wrapped in an OCTET STRING; its tail is the digest either way
        return Optional.of(Arrays.copyOfRange(ext, ext.length - LENGTH, ext.length));
      }
    }
    return Optional.empty();
  }
}
