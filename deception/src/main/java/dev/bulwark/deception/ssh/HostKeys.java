package dev.bulwark.deception.ssh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.List;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.util.security.SecurityUtils;

/**
 * The honeypot's host keys: RSA 3072, ECDSA P-256 and Ed25519, as a Debian sshd generates them on
 * install. Made once and kept in the data directory, so the host's fingerprints do not change from
 * one start to the next (a changing host key is itself a honeypot tell).
 */
final class HostKeys {
  private record Kind(String file, String algorithm, String sshType, int bits) {}

  private static final List<Kind> KINDS =
      List.of(
          new Kind("ssh_host_rsa_key", "RSA", "ssh-rsa", 3072),
          new Kind("ssh_host_ecdsa_key", "EC", "ecdsa-sha2-nistp256", 256),
          new Kind("ssh_host_ed25519_key", SecurityUtils.EDDSA, "ssh-ed25519", 256));

  private HostKeys() {}

  static List<KeyPair> loadOrCreate(Path dir) throws IOException {
    Files.createDirectories(dir);
    List<KeyPair> out = new ArrayList<>();
    for (Kind k : KINDS) {
      Path priv = dir.resolve(k.file() + ".pk8");
      Path pub = dir.resolve(k.file() + ".x509");
      try {
        if (Files.isRegularFile(priv) && Files.isRegularFile(pub)) {
          // MINA signs with its own security provider (Bouncy Castle when present), so keys come
          // from it
          KeyFactory f = SecurityUtils.getKeyFactory(k.algorithm());
          out.add(
              new KeyPair(
                  f.generatePublic(new X509EncodedKeySpec(Files.readAllBytes(pub))),
                  f.generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(priv)))));
          continue;
        }
        KeyPair kp = KeyUtils.generateKeyPair(k.sshType(), k.bits());
        Files.write(priv, kp.getPrivate().getEncoded());
        try {
          Files.setPosixFilePermissions(priv, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
          // not a POSIX file system: the directory's own protection has to do
        }
        Files.write(pub, kp.getPublic().getEncoded());
        out.add(kp);
      } catch (GeneralSecurityException e) {
        throw new IOException(
            priv + ": cannot load or make the " + k.algorithm() + " host key: " + e.getMessage(),
            e);
      }
    }
    return out;
  }
}
