package dev.bulwark.hygiene.posture;

import dev.bulwark.hygiene.check.CheckResult;
import dev.bulwark.hygiene.check.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Automatic updates: Debian's unattended-upgrades (installed, and {@code
 * APT::Periodic::Unattended-Upgrade} not 0 in {@code /etc/apt/apt.conf.d}) or Fedora's
 * dnf-automatic ({@code apply_updates = yes}).
 */
final class AutoUpdates implements Probe {
  private static final Pattern PERIODIC =
      Pattern.compile("APT::Periodic::Unattended-Upgrade\\s+\"([^\"]*)\"");

  @Override
  public String id() {
    return "auto-updates";
  }

  @Override
  public CheckResult run(SystemRoot root) {
    if (Files.isDirectory(root.path("/etc/apt"))) {
      boolean installed = DpkgStatus.installed(root, "unattended-upgrades");
      String value = null;
      String where = null;
      for (Path f : root.list("/etc/apt/apt.conf.d")) {
        for (ConfigLines.Line l : ConfigLines.of(root.read(f).orElse("")).lines()) {
          Matcher m = PERIODIC.matcher(l.text());
          if (m.find()) {
            // apt reads the files in order and a later value wins
            value = m.group(1);
            where = root.display(f) + ":" + l.number();
          }
        }
      }
      List<String> ev = new ArrayList<>();
      ev.add("unattended-upgrades " + (installed ? "installed" : "not installed"));
      ev.add(
          where == null
              ? "APT::Periodic::Unattended-Upgrade not set"
              : where + " APT::Periodic::Unattended-Upgrade \"" + value + "\"");
      boolean on = installed && value != null && !value.equals("0") && !value.isEmpty();
      return new CheckResult(id(), on ? Status.PASS : Status.FAIL, ev);
    }
    String dnf = root.read("/etc/dnf/automatic.conf").orElse(null);
    if (dnf != null) {
      boolean apply =
          ConfigLines.of(dnf).lines().stream()
              .anyMatch(l -> l.text().replace(" ", "").equalsIgnoreCase("apply_updates=yes"));
      return new CheckResult(
          id(),
          apply ? Status.PASS : Status.FAIL,
          List.of("/etc/dnf/automatic.conf apply_updates " + (apply ? "yes" : "no")));
    }
    return CheckResult.unknown(id(), "neither apt nor dnf configuration found");
  }
}
