package dev.bulwark.hygiene.posture;

import dev.bulwark.hygiene.check.CheckResult;
import dev.bulwark.hygiene.check.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** sudo rules that skip the password: {@code NOPASSWD:} tags and {@code Defaults !authenticate}. */
final class Sudoers implements Probe {
  @Override
  public String id() {
    return "sudoers";
  }

  @Override
  public CheckResult run(SystemRoot root) {
    List<Path> files = new ArrayList<>();
    Path main = root.path("/etc/sudoers");
    if (Files.exists(main)) {
      files.add(main);
    }
    files.addAll(
        root.list("/etc/sudoers.d").stream()
            // sudo skips names with a dot or ending in ~ in includedir
            .filter(p ->
                !p.getFileName().toString().contains(".")
                    && !p.getFileName().toString().endsWith("~"))
            .toList());
    if (files.isEmpty()) {
      return CheckResult.notApplicable(id(), "no /etc/sudoers (sudo not installed)");
    }
    List<String> bad = new ArrayList<>();
    int unreadable = 0;
    for (Path f : files) {
      String text = root.read(f).orElse(null);
      if (text == null) {
        unreadable++;
        continue;
      }
      for (ConfigLines.Line l : ConfigLines.of(text).lines()) {
        String t = l.text();
        if (t.startsWith("#include") || t.startsWith("@include")) {
          continue;
        }
        if (t.contains("NOPASSWD:")) {
          bad.add(root.display(f) + ":" + l.number() + " NOPASSWD for " + t.split("\\s+")[0]);
        } else if (t.startsWith("Defaults") && t.matches(".*!\\s*authenticate.*")) {
          bad.add(root.display(f) + ":" + l.number() + " Defaults !authenticate");
        }
      }
    }
    if (!bad.isEmpty()) {
      return CheckResult.fail(id(), bad);
    }
    if (unreadable == files.size()) {
      return CheckResult.unknown(id(), "sudoers files not readable (run as root to check them)");
    }
    return new CheckResult(
        id(),
        Status.PASS,
        List.of(files.size() + " sudoers files read; every rule asks for a password"));
  }
}
