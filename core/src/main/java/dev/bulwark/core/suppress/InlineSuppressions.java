package dev.bulwark.core.suppress;

import dev.bulwark.core.files.TextSniffer;
import dev.bulwark.core.model.Finding;
import dev.bulwark.core.model.Location;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code bulwark:ignore <rule-id> <reason>} comments on the line of a finding or on the line
 * before it. A reason is required: an ignore comment without one does not suppress, and is
 * reported, so that every silenced finding says why.
 */
public final class InlineSuppressions {
  private static final Pattern MARKER =
      Pattern.compile(
          "bulwark:ignore\\s+([A-Za-z0-9_.*-]+)(?:[ \\t]+([^\\r\\n]*?))?\\s*(?:\\*/|-->)?\\s*$");

  /** The outcome for one finding: suppressed with a reason, or a marker missing its reason. */
  public record Verdict(boolean suppressed, String reason, String problem) {}

  private final Path baseDir;
  private final Map<String, List<String>> linesCache = new HashMap<>();

  public InlineSuppressions(Path baseDir) {
    this.baseDir = baseDir;
  }

  public Optional<Verdict> check(Finding finding) {
    if (!(finding.primaryLocation() instanceof Location.File file) || file.region() == null) {
      return Optional.empty();
    }
    if (file.path().contains("!/")) {
      return Optional.empty();
    }
    List<String> lines = lines(file.path());
    int line = file.region().startLine();
    for (int n : new int[] {line, line - 1}) {
      if (n < 1 || n > lines.size()) {
        continue;
      }
      Matcher m = MARKER.matcher(lines.get(n - 1));
      if (!m.find()) {
        continue;
      }
      String rule = m.group(1);
      if (!rule.equals(finding.ruleId()) && !rule.equals("*") && !rule.equals("all")) {
        continue;
      }
      String reason = m.group(2) == null ? "" : m.group(2).strip();
      if (reason.isEmpty()) {
        return Optional.of(
            new Verdict(
                false,
                null,
                "bulwark:ignore for " + rule + " on line " + n + " has no reason; not applied"));
      }
      return Optional.of(new Verdict(true, reason, null));
    }
    return Optional.empty();
  }

  private List<String> lines(String relativePath) {
    return linesCache.computeIfAbsent(
        relativePath,
        p -> {
          try {
            byte[] bytes = Files.readAllBytes(baseDir.resolve(p));
            return TextSniffer.decode(bytes, 0, bytes.length).lines().toList();
          } catch (IOException | RuntimeException e) {
            return List.of();
          }
        });
  }
}
