package dev.bulwark.deception.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.bulwark.core.testing.Tools;
import dev.bulwark.deception.Honeypot;
import dev.bulwark.deception.profile.Profile;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The honeypot's SSH fingerprint, item by item: identification string and every KEXINIT name-list
 * in order, against the profile's data and, when Debian's openssh-server is installed, against a
 * real sshd started here with the same three host key types.
 */
class FingerprintTest {
  private static List<List<String>> expected(Profile.SshAlgorithms a) {
    return List.of(
        a.kex(),
        a.hostKey(),
        a.ciphers(),
        a.ciphers(),
        a.macs(),
        a.macs(),
        a.compression(),
        a.compression(),
        List.of(),
        List.of());
  }

  @Test
  void honeypotKexInit_equalsTheProfile_everyItem(@TempDir Path dir) throws Exception {
    Profile profile = Profile.builtIn("debian-12");
    try (Honeypot h = Honeypot.start(SshHoneypotTest.loopback(dir))) {
      KexInit k = KexInit.read("127.0.0.1", h.sshPort());
      assertThat(k.identification()).isEqualTo(profile.ssh().identification());
      List<List<String>> want = expected(profile.ssh());
      for (int i = 0; i < want.size(); i++) {
        assertThat(k.lists().get(i))
            .as(KexInit.NAMES.get(i))
            .containsExactlyElementsOf(want.get(i));
      }
    }
  }

  @Test
  void honeypotKexInit_equalsARealDebianSshd_everyItem(@TempDir Path dir) throws Exception {
    Path sshd = Tools.onPath("sshd").orElse(null);
    assumeTrue(
        sshd != null && Tools.onPath("ssh-keygen").isPresent(),
        Tools.missing("sshd or ssh-keygen", "openssh-server") + ": no real sshd to compare with");
    Path keys = Files.createDirectories(dir.resolve("real"));
    for (String[] k : new String[][] {{"rsa", "3072"}, {"ecdsa", "256"}, {"ed25519", "256"}}) {
      run(
          "ssh-keygen",
          "-q",
          "-t",
          k[0],
          "-b",
          k[1],
          "-N",
          "",
          "-f",
          keys.resolve("key_" + k[0]).toString());
    }
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path config = keys.resolve("sshd_config");
    Files.writeString(
        config,
        "Port "
            + port
            + "\nListenAddress 127.0.0.1\nHostKey "
            + keys.resolve("key_rsa")
            + "\nHostKey "
            + keys.resolve("key_ecdsa")
            + "\nHostKey "
            + keys.resolve("key_ed25519")
            + "\nPidFile "
            + keys.resolve("pid")
            + "\nUsePAM no\n");
    Files.createDirectories(Path.of("/run/sshd"));
    Process real =
        new ProcessBuilder(sshd.toString(), "-D", "-e", "-f", config.toString())
            .redirectErrorStream(true)
            .redirectOutput(keys.resolve("log").toFile())
            .start();
    try {
      KexInit want = null;
      for (int i = 0; i < 50 && want == null; i++) {
        try {
          want = KexInit.read("127.0.0.1", port);
        } catch (IOException e) {
          TimeUnit.MILLISECONDS.sleep(100);
        }
      }
      assertThat(want)
          .as("real sshd did not answer: " + Files.readString(keys.resolve("log")))
          .isNotNull();
      try (Honeypot h = Honeypot.start(SshHoneypotTest.loopback(dir.resolve("pot")))) {
        KexInit got = KexInit.read("127.0.0.1", h.sshPort());
        assertThat(got.identification()).isEqualTo(want.identification());
        for (int i = 0; i < KexInit.NAMES.size(); i++) {
          assertThat(got.lists().get(i))
              .as(KexInit.NAMES.get(i))
              .containsExactlyElementsOf(want.lists().get(i));
        }
      }
    } finally {
      real.destroy();
      real.waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static void run(String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    assertThat(p.waitFor()).as(String.join(" ", cmd)).isZero();
  }
}
