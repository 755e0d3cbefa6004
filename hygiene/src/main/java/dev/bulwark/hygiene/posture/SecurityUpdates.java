package dev.bulwark.hygiene.posture;

import dev.bulwark.hygiene.check.CheckResult;
import dev.bulwark.hygiene.check.Status;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Pending security updates, on the live system only: {@code apt-get -s upgrade} simulates an
 * upgrade (it changes nothing and needs no lock) and each {@code Inst} line from a security suite
 * is one waiting fix. A mounted or test root has no package manager state Bulwark could trust.
 */
final class SecurityUpdates implements Probe {
  private static final long TIMEOUT_SECONDS = 120;

  @Override
  public String id() {
    return "security-updates";
  }

  @Override
  public CheckResult run(SystemRoot root) {
    if (!root.live()) {
      return CheckResult.notApplicable(id(), "checked only on the running system (root /)");
    }
    Path aptGet = Path.of("/usr/bin/apt-get");
    if (!Files.isExecutable(aptGet)) {
      return CheckResult.unknown(id(), "apt-get not found");
    }
    String out;
    try {
      Process p =
          new ProcessBuilder(aptGet.toString(), "-s", "-o", "Debug::NoLocking=1", "upgrade")
              .redirectErrorStream(true)
              .start();
      p.getOutputStream().close();
      byte[] bytes;
      try (InputStream in = p.getInputStream()) {
        bytes = in.readNBytes(SystemRoot.MAX_FILE_BYTES);
      }
      if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return CheckResult.unknown(id(), "apt-get -s upgrade did not finish");
      }
      out = new String(bytes, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return CheckResult.unknown(id(), "apt-get -s upgrade failed: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return CheckResult.unknown(id(), "interrupted");
    }
    return fromSimulation(id(), out);
  }

  /** Reads the output of {@code apt-get -s upgrade}. */
  static CheckResult fromSimulation(String id, String out) {
    List<String> security = new ArrayList<>();
    int all = 0;
    for (String line : out.split("\n")) {
      if (!line.startsWith("Inst ")) {
        continue;
      }
      all++;
      if (line.contains("-security") || line.contains("Debian-Security")) {
        security.add(line.split("\\s+")[1]);
      }
    }
    if (security.isEmpty()) {
      return new CheckResult(
          id, Status.PASS, List.of("no security update waiting (" + all + " other updates)"));
    }
    List<String> ev = new ArrayList<>();
    ev.add(security.size() + " security updates waiting (of " + all + " updates)");
    security.stream().limit(20).forEach(p -> ev.add("package " + p));
    return CheckResult.fail(id, ev);
  }
}
