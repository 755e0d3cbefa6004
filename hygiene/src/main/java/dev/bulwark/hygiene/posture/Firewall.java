package dev.bulwark.hygiene.posture;

import dev.bulwark.hygiene.check.CheckResult;
import dev.bulwark.hygiene.check.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A firewall that starts with the system: ufw enabled, an nftables input chain whose policy is
 * drop, or saved iptables rules whose INPUT chain drops by default or ends in a drop/reject rule.
 */
final class Firewall implements Probe {
  @Override
  public String id() {
    return "firewall";
  }

  @Override
  public CheckResult run(SystemRoot root) {
    List<String> on = new ArrayList<>();
    List<String> seen = new ArrayList<>();
    String ufw = root.read("/etc/ufw/ufw.conf").orElse(null);
    if (ufw != null) {
      boolean enabled =
          ConfigLines.of(ufw).lines().stream()
              .anyMatch(l -> l.text().replace(" ", "").equalsIgnoreCase("ENABLED=yes"));
      (enabled ? on : seen).add("/etc/ufw/ufw.conf ENABLED=" + (enabled ? "yes" : "no"));
    }
    String nft = root.read("/etc/nftables.conf").orElse(null);
    if (nft != null) {
      boolean drop = nftInputDrops(nft);
      (drop ? on : seen)
          .add("/etc/nftables.conf " + (drop ? "input policy drop" : "no input chain that drops"));
    }
    for (String f : List.of("/etc/iptables/rules.v4", "/etc/sysconfig/iptables")) {
      String rules = root.read(f).orElse(null);
      if (rules != null) {
        boolean drop = iptablesInputDrops(rules);
        (drop ? on : seen).add(f + (drop ? " INPUT drops" : " INPUT accepts everything"));
      }
    }
    if (!on.isEmpty()) {
      return new CheckResult(id(), Status.PASS, on);
    }
    if (seen.isEmpty()) {
      seen.add("no ufw, nftables or saved iptables configuration");
    }
    return CheckResult.fail(id(), seen);
  }

  static boolean nftInputDrops(String conf) {
    boolean inInput = false;
    for (ConfigLines.Line l : ConfigLines.of(conf).lines()) {
      String t = l.text().toLowerCase(Locale.ROOT);
      if (t.startsWith("chain ")) {
        inInput = false;
      }
      if (t.contains("hook input")) {
        inInput = true;
      }
      if (inInput && t.matches(".*policy\\s+drop.*")) {
        return true;
      }
    }
    return false;
  }

  static boolean iptablesInputDrops(String rules) {
    for (ConfigLines.Line l : ConfigLines.of(rules).lines()) {
      String t = l.text();
      if (t.startsWith(":INPUT DROP") || t.startsWith(":INPUT REJECT")) {
        return true;
      }
      if (t.startsWith("-A INPUT")
          && t.matches(".*-j (DROP|REJECT)\\s*$")
          && !t.contains(" -p ")
          && !t.contains(" -s ")) {
        return true;
      }
    }
    return false;
  }
}
