package dev.bulwark.core.files;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The rules of one {@code .gitignore} or {@code .bulwarkignore} file, in order. */
public final class IgnoreFile {

  /** One line of an ignore file; a negated rule re-includes what an earlier rule excluded. */
  record Rule(Glob glob, boolean negated) {}

  private final String baseDir;
  private final List<Rule> rules;

  private IgnoreFile(String baseDir, List<Rule> rules) {
    this.baseDir = baseDir;
    this.rules = List.copyOf(rules);
  }

  /**
   * Reads an ignore file whose directory is {@code baseDir} (relative to the walk root, "" for the
   * root itself).
   */
  public static IgnoreFile read(Path file, String baseDir) throws IOException {
    return parse(Files.readAllLines(file, StandardCharsets.UTF_8), baseDir);
  }

  public static IgnoreFile parse(List<String> lines, String baseDir) {
    List<Rule> rules = new ArrayList<>();
    for (String raw : lines) {
      String line = stripTrailingSpaces(raw);
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      boolean negated = false;
      if (line.startsWith("!")) {
        negated = true;
        line = line.substring(1);
      } else if (line.startsWith("\\!") || line.startsWith("\\#")) {
        line = line.substring(1);
      }
      if (line.isEmpty()) {
        continue;
      }
      rules.add(new Rule(Glob.compile(line), negated));
    }
    return new IgnoreFile(baseDir, rules);
  }

  private static String stripTrailingSpaces(String s) {
    int end = s.length();
    while (end > 0 && s.charAt(end - 1) == ' ' && !(end > 1 && s.charAt(end - 2) == '\\')) {
      end--;
    }
    return s.substring(0, end);
  }

  /**
   * Returns {@code Boolean.TRUE} if this file ignores the path, {@code FALSE} if it re-includes it,
   * or {@code null} when no rule speaks about it.
   */
  Boolean verdict(String relativePath, boolean isDirectory) {
    String local;
    if (baseDir.isEmpty()) {
      local = relativePath;
    } else if (relativePath.startsWith(baseDir + "/")) {
      local = relativePath.substring(baseDir.length() + 1);
    } else {
      return null;
    }
    Boolean verdict = null;
    for (Rule rule : rules) {
      if (rule.glob().matches(local, isDirectory)) {
        verdict = !rule.negated();
      }
    }
    return verdict;
  }
}
