package dev.bulwark.hygiene.posture;

import dev.bulwark.hygiene.check.CheckResult;
import dev.bulwark.hygiene.check.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * TCP services reachable from other machines: sockets in state LISTEN ({@code 0A}) in {@code
 * /proc/net/tcp} and {@code tcp6} whose local address is not a loopback one.
 */
final class ListeningServices implements Probe {
  private static final String V6_LOOPBACK = "00000000000000000000000001000000";

  @Override
  public String id() {
    return "listening-services";
  }

  @Override
  public CheckResult run(SystemRoot root) {
    String v4 = root.read("/proc/net/tcp").orElse(null);
    String v6 = root.read("/proc/net/tcp6").orElse(null);
    if (v4 == null && v6 == null) {
      return CheckResult.unknown(id(), "no readable /proc/net/tcp");
    }
    TreeSet<String> exposed = new TreeSet<>();
    int loopback = 0;
    for (String table : new String[] {v4, v6}) {
      if (table == null) {
        continue;
      }
      String[] lines = table.split("\n");
      for (int i = 1; i < lines.length; i++) {
        String[] f = lines[i].strip().split("\\s+");
        if (f.length < 4 || !f[3].equals("0A")) {
          continue;
        }
        int colon = f[1].indexOf(':');
        if (colon < 0) {
          continue;
        }
        String addr = f[1].substring(0, colon);
        int port;
        try {
          port = Integer.parseInt(f[1].substring(colon + 1), 16);
        } catch (NumberFormatException e) {
          continue;
        }
        if (isLoopback(addr)) {
          loopback++;
        } else {
          exposed.add(render(addr) + ":" + port);
        }
      }
    }
    if (exposed.isEmpty()) {
      return new CheckResult(
          id(),
          Status.PASS,
          List.of("no TCP service open to the network (" + loopback + " on loopback)"));
    }
    List<String> ev = new ArrayList<>();
    exposed.forEach(e -> ev.add("listening on " + e));
    return CheckResult.fail(id(), ev);
  }

  static boolean isLoopback(String hex) {
    if (hex.length() == 8) {
      // the kernel prints the address as a little-endian 32-bit word: 0100007F is 127.0.0.1
      return hex.endsWith("7F");
    }
    return hex.equals(V6_LOOPBACK)
        || (hex.startsWith("0000000000000000FFFF0000") && hex.endsWith("7F"));
  }

  static String render(String hex) {
    if (hex.length() == 8) {
      StringBuilder sb = new StringBuilder();
      for (int i = 6; i >= 0; i -= 2) {
        sb.append(Integer.parseInt(hex.substring(i, i + 2), 16));
        if (i > 0) {
          sb.append('.');
        }
      }
      return sb.toString();
    }
    return hex.chars().allMatch(c -> c == '0')
        ? "[::]"
        : "[" + hex.toLowerCase(java.util.Locale.ROOT) + "]";
  }
}
