package dev.bulwark.deception;

import dev.bulwark.deception.config.HoneypotConfig;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A honeypot (SSH and the HTTP decoy) in a process of its own, so a test can watch its system
 * calls: starts on a free port, writes the ports to files, touches a marker path (seen in the trace
 * as the end of start-up) and serves until its standard input closes; then writes its heap use.
 */
public final class SafetyHost {
  private SafetyHost() {}

  public static void main(String[] args) throws Exception {
    Path data = Path.of(args[0]);
    HoneypotConfig c = HoneypotConfig.defaults(data).withBind("127.0.0.1").withPorts(0, -1, 0);
    try (Honeypot h = Honeypot.start(c)) {
      // the trace's "start-up is over" line: a path nothing else opens
      try (var in =
          Files.newInputStream(data.resolve("ready-marker-" + ProcessHandle.current().pid()))) {
        in.read();
      } catch (java.nio.file.NoSuchFileException expected) {
        // the failed openat is the marker
      }
      Files.writeString(data.resolve("http-port"), Integer.toString(h.httpPort()));
      Files.writeString(data.resolve("port"), Integer.toString(h.sshPort()));
      System.in.read();
      Runtime rt = Runtime.getRuntime();
      System.gc();
      Files.writeString(data.resolve("heap"), Long.toString(rt.totalMemory() - rt.freeMemory()));
    }
  }
}
