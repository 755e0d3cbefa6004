package dev.bulwark.hygiene.posture;

import dev.bulwark.hygiene.check.CheckResult;
import dev.bulwark.hygiene.check.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * git's {@code store} credential helper and the plain-text files it writes ({@code
 * ~/.git-credentials}, {@code ~/.config/git/credentials}). Entries are counted, never shown.
 */
final class GitCredentialsPlaintext implements Probe {
  @Override
  public String id() {
    return "git-credentials-plaintext";
  }

  @Override
  public CheckResult run(SystemRoot root) {
    List<String> bad = new ArrayList<>();
    List<Path> configs = new ArrayList<>(List.of(root.path("/etc/gitconfig")));
    for (Path home : root.homes()) {
      configs.add(home.resolve(".gitconfig"));
      configs.add(home.resolve(".config/git/config"));
      for (String store : List.of(".git-credentials", ".config/git/credentials")) {
        Path f = home.resolve(store);
        if (Files.isRegularFile(f)) {
          long entries =
              root.read(f)
                  .orElse("")
                  .lines()
                  .filter(l -> l.contains("://") && l.contains("@"))
                  .count();
          bad.add(root.display(f) + " holds " + entries + " credentials in plain text");
        }
      }
    }
    for (Path c : configs) {
      boolean inCredential = false;
      for (ConfigLines.Line l : ConfigLines.of(root.read(c).orElse("")).lines()) {
        String t = l.text();
        if (t.startsWith("[")) {
          inCredential = t.startsWith("[credential");
          continue;
        }
        String compact = t.replace(" ", "").replace("\t", "");
        if (inCredential && compact.matches("helper=\"?store.*")) {
          bad.add(root.display(c) + ":" + l.number() + " credential.helper = store");
        }
      }
    }
    if (!bad.isEmpty()) {
      return CheckResult.fail(id(), bad);
    }
    return new CheckResult(id(), Status.PASS, List.of("no plain-text git credential store"));
  }
}
