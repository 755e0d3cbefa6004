package dev.bulwark.net.proto;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SshTest {
  /** A KEXINIT payload with the ten name lists given. */
  static byte[] kexInit(String... lists) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    o.write(20);
    o.writeBytes(new byte[16]);
    for (String l : lists) {
      byte[] b = l.getBytes(StandardCharsets.US_ASCII);
      o.write(b.length >>> 24);
      o.write(b.length >>> 16);
      o.write(b.length >>> 8);
      o.write(b.length);
      o.writeBytes(b);
    }
    o.writeBytes(new byte[5]);
    return o.toByteArray();
  }

  static final byte[] CLIENT =
      kexInit(
          "curve25519-sha256,diffie-hellman-group14-sha1",
          "ssh-ed25519,ssh-rsa",
          "aes128-ctr",
          "aes256-ctr",
          "hmac-sha2-256",
          "hmac-sha1",
          "none",
          "none,zlib",
          "",
          "");

  @Test
  void readsTheNameListsAndTheirHassh() {
    Ssh.KexInit k = Ssh.kexInit(CLIENT, 0, CLIENT.length);
    assertThat(k.kex()).containsExactly("curve25519-sha256", "diffie-hellman-group14-sha1");
    assertThat(k.hostKey()).containsExactly("ssh-ed25519", "ssh-rsa");
    assertThat(k.compressionToClient()).containsExactly("none", "zlib");
    assertThat(k.lists().get(8)).isEmpty();
    // MD5 of "kex;ciphers;macs;compression" of the client's (to-server) or server's lists
    assertThat(Ssh.hassh(k, false)).isEqualTo("c10186e7085a862e2fddf54d4e7d61fa");
    assertThat(Ssh.hassh(k, true)).isEqualTo("10359849b1c28598cb84f1dc827ba41c");
  }

  @Test
  void negotiatesTheClientsFirstChoiceTheServerOffers() {
    assertThat(Ssh.negotiate(List.of("a", "b", "c"), List.of("c", "b"))).isEqualTo("b");
    assertThat(Ssh.negotiate(List.of("a"), List.of("c"))).isNull();
    assertThat(Ssh.bidirectional("x", "x")).isEqualTo("x");
    assertThat(Ssh.bidirectional("x", "y")).isEqualTo("to_server: x, to_client: y");
  }

  @Test
  void fingerprintsTheHostKeyAsZeekShowsIt() {
    assertThat(Ssh.fingerprint("key".getBytes(StandardCharsets.US_ASCII)))
        .isEqualTo("SHA256:LHDhK3oGRvkiefQnx7OOczTY5Tic/xZ6");
  }

  @Test
  void refusesCutOrForeignMessages() {
    assertThat(Ssh.kexInit(CLIENT, 0, 40)).isNull();
    byte[] other = CLIENT.clone();
    other[0] = 21;
    assertThat(Ssh.kexInit(other, 0, other.length)).isNull();
    byte[] huge = CLIENT.clone();
    huge[17] = (byte) 0x7f; // first list claims ~2 GB
    assertThat(Ssh.kexInit(huge, 0, huge.length)).isNull();
  }
}
