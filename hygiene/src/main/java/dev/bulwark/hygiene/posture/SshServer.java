package dev.bulwark.hygiene.posture;

import dev.bulwark.hygiene.check.CheckResult;
import dev.bulwark.hygiene.check.Status;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * SSH server settings from {@code /etc/ssh/sshd_config} and its {@code Include}d drop-ins, read as
 * sshd does: the first value of a keyword wins, {@code Match} blocks are left aside.
 */
final class SshServer implements Probe {
  private record Setting(String value, String where) {}

  @Override
  public String id() {
    return "ssh-server";
  }

  @Override
  public CheckResult run(SystemRoot root) {
    Path main = root.path("/etc/ssh/sshd_config");
    String text = root.read(main).orElse(null);
    if (text == null) {
      return CheckResult.notApplicable(id(), "no /etc/ssh/sshd_config (no SSH server)");
    }
    Map<String, Setting> first = new HashMap<>();
    read(root, main, text, first, 0);
    List<String> bad = new ArrayList<>();
    Setting root_ = first.get("permitrootlogin");
    if (root_ != null && root_.value().equals("yes")) {
      bad.add(root_.where() + " PermitRootLogin yes");
    }
    Setting pw = first.get("passwordauthentication");
    if (pw == null) {
      bad.add("PasswordAuthentication not set (sshd's default is yes)");
    } else if (pw.value().equals("yes")) {
      bad.add(pw.where() + " PasswordAuthentication yes");
    }
    Setting empty = first.get("permitemptypasswords");
    if (empty != null && empty.value().equals("yes")) {
      bad.add(empty.where() + " PermitEmptyPasswords yes");
    }
    if (!bad.isEmpty()) {
      return CheckResult.fail(id(), bad);
    }
    return new CheckResult(
        id(),
        Status.PASS,
        List.of(pw.where() + " PasswordAuthentication no; root login not allowed with a password"));
  }

  private void read(
      SystemRoot root, Path file, String text, Map<String, Setting> first, int depth) {
    for (ConfigLines.Line l : ConfigLines.of(text).lines()) {
      String[] kv = l.text().split("[\\s=]+", 2);
      String key = kv[0].toLowerCase(Locale.ROOT);
      String value = kv.length > 1 ? kv[1].strip().toLowerCase(Locale.ROOT) : "";
      if (key.equals("match")) {
        return;
      }
      if (key.equals("include") && depth < 4) {
        for (String pattern : value.split("\\s+")) {
          includes(root, pattern)
              .forEach(f -> read(root, f, root.read(f).orElse(""), first, depth + 1));
        }
        continue;
      }
      first.putIfAbsent(key, new Setting(value, root.display(file) + ":" + l.number()));
    }
  }

  /** An Include pattern: relative to /etc/ssh; a single '*' in the last part is expanded. */
  private static List<Path> includes(SystemRoot root, String pattern) {
    String abs = pattern.startsWith("/") ? pattern : "/etc/ssh/" + pattern;
    int slash = abs.lastIndexOf('/');
    String dir = abs.substring(0, slash);
    String glob = abs.substring(slash + 1);
    if (!glob.contains("*")) {
      return List.of(root.path(abs));
    }
    String regex = glob.replace(".", "\\.").replace("*", ".*");
    return root.list(dir).stream().filter(p -> p.getFileName().toString().matches(regex)).toList();
  }
}
