package dev.bulwark.hygiene.posture;

import dev.bulwark.hygiene.check.CheckResult;
import dev.bulwark.hygiene.check.Status;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Secrets typed into shell and REPL history files. Evidence names the file, the line and the kind
 * of secret — never the line itself.
 */
final class ShellHistorySecrets implements Probe {
  private static final List<String> HISTORIES =
      List.of(
          ".bash_history",
          ".zsh_history",
          ".history",
          ".local/share/fish/fish_history",
          ".python_history",
          ".mysql_history",
          ".psql_history",
          ".node_repl_history");
  private static final int MAX_EVIDENCE = 50;

  private final HistorySecrets detector;

  ShellHistorySecrets(HistorySecrets detector) {
    this.detector = detector;
  }

  @Override
  public String id() {
    return "shell-history-secrets";
  }

  @Override
  public CheckResult run(SystemRoot root) {
    List<String> found = new ArrayList<>();
    int files = 0;
    int total = 0;
    for (Path home : root.homes()) {
      for (String h : HISTORIES) {
        String text = root.read(home.resolve(h)).orElse(null);
        if (text == null) {
          continue;
        }
        files++;
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
          List<String> kinds = detector.kinds(lines[i]);
          if (!kinds.isEmpty()) {
            total++;
            if (found.size() < MAX_EVIDENCE) {
              found.add(
                  root.display(home.resolve(h))
                      + ":"
                      + (i + 1)
                      + " "
                      + String.join(", ", kinds)
                      + " (redacted)");
            }
          }
        }
      }
    }
    if (!found.isEmpty()) {
      if (total > found.size()) {
        found.add("… " + (total - found.size()) + " more");
      }
      return CheckResult.fail(id(), found);
    }
    if (files == 0) {
      return CheckResult.notApplicable(id(), "no shell history files");
    }
    return new CheckResult(
        id(), Status.PASS, List.of(files + " history files read; no secret found"));
  }
}
