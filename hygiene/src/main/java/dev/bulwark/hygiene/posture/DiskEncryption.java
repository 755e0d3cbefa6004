package dev.bulwark.hygiene.posture;

import dev.bulwark.hygiene.check.CheckResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Disk encryption: an entry in {@code /etc/crypttab}, or a dm-crypt device under {@code /sys}. */
final class DiskEncryption implements Probe {
  @Override
  public String id() {
    return "disk-encryption";
  }

  @Override
  public CheckResult run(SystemRoot root) {
    List<String> found = new ArrayList<>();
    for (ConfigLines.Line l : ConfigLines.of(root.read("/etc/crypttab").orElse("")).lines()) {
      found.add("/etc/crypttab:" + l.number() + " " + l.text().split("\\s+")[0]);
    }
    for (Path dev : root.list("/sys/block")) {
      // dm-crypt mappings carry a device-mapper uuid that starts with CRYPT- (LUKS1/2, plain)
      String uuid = root.read(dev.resolve("dm/uuid")).orElse("").strip();
      if (uuid.startsWith("CRYPT-")) {
        found.add(root.display(dev) + " is dm-crypt (" + uuid.split("-")[1] + ")");
      }
    }
    if (!found.isEmpty()) {
      return new CheckResult(id(), dev.bulwark.hygiene.check.Status.PASS, found);
    }
    return CheckResult.fail(
        id(), List.of("no /etc/crypttab entry and no dm-crypt device under /sys/block"));
  }
}
