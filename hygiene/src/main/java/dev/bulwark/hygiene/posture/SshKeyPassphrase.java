package dev.bulwark.hygiene.posture;

import dev.bulwark.hygiene.check.CheckResult;
import dev.bulwark.hygiene.check.Status;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * SSH private keys in {@code ~/.ssh} stored without a passphrase. OpenSSH's own format names its
 * cipher in the header ({@code none} means clear text); PEM keys say {@code ENCRYPTED} when they
 * are. Only the header is decoded: no key material is kept or shown.
 */
final class SshKeyPassphrase implements Probe {
  private static final byte[] MAGIC = "openssh-key-v1\0".getBytes(StandardCharsets.US_ASCII);

  @Override
  public String id() {
    return "ssh-key-passphrase";
  }

  @Override
  public CheckResult run(SystemRoot root) {
    List<String> clear = new ArrayList<>();
    int keys = 0;
    for (Path home : root.homes()) {
      for (Path f : root.list(home.resolve(".ssh"))) {
        String text = root.read(f).orElse(null);
        if (text == null || !text.startsWith("-----BEGIN ") || !text.contains("PRIVATE KEY-----")) {
          continue;
        }
        keys++;
        Boolean encrypted = encrypted(text);
        if (encrypted == null) {
          continue;
        }
        if (!encrypted) {
          clear.add(root.display(f) + " has no passphrase");
        }
      }
    }
    if (!clear.isEmpty()) {
      return CheckResult.fail(id(), clear);
    }
    if (keys == 0) {
      return CheckResult.notApplicable(id(), "no SSH private keys in ~/.ssh");
    }
    return new CheckResult(
        id(), Status.PASS, List.of(keys + " SSH private keys, each protected by a passphrase"));
  }

  /** Whether the key is encrypted, or null when its format is not understood. */
  static Boolean encrypted(String pem) {
    String first = pem.lines().findFirst().orElse("");
    if (first.contains("OPENSSH PRIVATE KEY")) {
      String b64 =
          pem.lines()
              .filter(l -> !l.startsWith("-----"))
              .map(String::strip)
              .reduce("", String::concat);
      byte[] raw;
      try {
        raw = Base64.getDecoder().decode(b64);
      } catch (IllegalArgumentException e) {
        return null;
      }
      ByteBuffer b = ByteBuffer.wrap(raw);
      if (raw.length < MAGIC.length + 4) {
        return null;
      }
      for (byte m : MAGIC) {
        if (b.get() != m) {
          return null;
        }
      }
      int len = b.getInt();
      if (len < 0 || len > 64 || b.remaining() < len) {
        return null;
      }
      byte[] cipher = new byte[len];
      b.get(cipher);
      return !new String(cipher, StandardCharsets.US_ASCII).equals("none");
    }
    if (first.contains("ENCRYPTED PRIVATE KEY")) {
      return true;
    }
    // traditional PEM (RSA, EC, DSA): encrypted ones carry a Proc-Type header
    return pem.contains("Proc-Type: 4,ENCRYPTED");
  }
}
