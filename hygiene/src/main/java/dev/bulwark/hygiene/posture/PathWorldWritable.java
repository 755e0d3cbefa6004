package dev.bulwark.hygiene.posture;

import dev.bulwark.hygiene.check.CheckResult;
import dev.bulwark.hygiene.check.Status;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Folders in PATH that every user may write to. PATH comes from {@code /etc/environment}, the shell
 * start-up files of each user and, on the live system, this process's environment.
 */
final class PathWorldWritable implements Probe {
  private static final Pattern ASSIGN = Pattern.compile("^(?:export\\s+)?PATH=[\"']?([^\"'\\s;]*)");
  private static final List<String> RC =
      List.of(".profile", ".bashrc", ".bash_profile", ".zshrc", ".zprofile");

  @Override
  public String id() {
    return "path-world-writable";
  }

  @Override
  public CheckResult run(SystemRoot root) {
    Set<String> dirs = new LinkedHashSet<>();
    collect(root.read("/etc/environment").orElse(""), dirs);
    collect(root.read("/etc/profile").orElse(""), dirs);
    for (Path home : root.homes()) {
      for (String rc : RC) {
        collect(root.read(home.resolve(rc)).orElse(""), dirs);
      }
    }
    if (root.live()) {
      String env = System.getenv("PATH");
      if (env != null) {
        for (String d : env.split(":")) {
          dirs.add(d);
        }
      }
    }
    List<String> bad = new ArrayList<>();
    int checked = 0;
    for (String d : dirs) {
      if (d.isEmpty() || !d.startsWith("/")) {
        continue;
      }
      Path p = root.path(d);
      if (!Files.isDirectory(p)) {
        continue;
      }
      checked++;
      try {
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
        if (perms.contains(PosixFilePermission.OTHERS_WRITE)) {
          bad.add(d + " is writable by every user");
        }
      } catch (IOException | UnsupportedOperationException e) {
        // not a POSIX file system: nothing to say about this folder
      }
    }
    if (!bad.isEmpty()) {
      return CheckResult.fail(id(), bad);
    }
    return new CheckResult(
        id(), Status.PASS, List.of(checked + " PATH folders checked; none writable by every user"));
  }

  private static void collect(String text, Set<String> dirs) {
    for (ConfigLines.Line l : ConfigLines.of(text).lines()) {
      Matcher m = ASSIGN.matcher(l.text());
      if (m.find()) {
        for (String d : m.group(1).split(":")) {
          if (!d.startsWith("$")) {
            dirs.add(d);
          }
        }
      }
    }
  }
}
