package dev.bulwark.deception.telnet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.deception.Honeypot;
import dev.bulwark.deception.config.HoneypotConfig;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TelnetHoneypotTest {
  private static String until(InputStream in, String marker) throws Exception {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    while (!b.toString(StandardCharsets.ISO_8859_1).contains(marker)) {
      int c = in.read();
      if (c < 0) {
        break;
      }
      b.write(c);
    }
    return b.toString(StandardCharsets.UTF_8);
  }

  @Test
  void telnetClient_failsThenLogsIn_runsTheSameShell_eventsSayTelnet(@TempDir Path dir)
      throws Exception {
    HoneypotConfig c = HoneypotConfig.defaults(dir).withBind("127.0.0.1").withPorts(-1, 0, -1);
    String transcript;
    try (Honeypot h = Honeypot.start(c);
        Socket s = new Socket("127.0.0.1", h.telnetPort())) {
      s.setSoTimeout(10_000);
      InputStream in = s.getInputStream();
      OutputStream out = s.getOutputStream();
      until(in, "login: ");
      // a client's option negotiation (IAC DO ECHO) comes first; it must not end up in the name
      out.write(new byte[] {(byte) 255, (byte) 253, 1});
      out.write("admin\r\n".getBytes(StandardCharsets.UTF_8));
      until(in, "Password: ");
      out.write("wrong\r\n".getBytes(StandardCharsets.UTF_8));
      until(in, "login: ");
      out.write("admin\r\n".getBytes(StandardCharsets.UTF_8));
      until(in, "Password: ");
      out.write("admin\r\n".getBytes(StandardCharsets.UTF_8));
      until(in, "$ ");
      out.write("uname -a; busybox\r\nexit\r\n".getBytes(StandardCharsets.UTF_8));
      transcript = until(in, "logout");
    }
    assertThat(transcript)
        .contains("Linux web01 6.1.0-28-amd64")
        .contains("-bash: busybox: command not found");
    String events = Files.readString(dir.resolve("events.json"));
    assertThat(events)
        .contains(
            "\"eventid\":\"cowrie.login.failed\",\"username\":\"admin\",\"password\":\"wrong\"")
        .contains(
            "\"eventid\":\"cowrie.login.success\",\"username\":\"admin\",\"password\":\"admin\"")
        .contains("\"input\":\"uname -a; busybox\"")
        .contains("\"protocol\":\"telnet\"");
  }
}
