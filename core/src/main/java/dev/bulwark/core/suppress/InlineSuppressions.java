package dev.bulwark.core.suppress;

import dev.bulwark.core.files.TextSniffer;
import dev.bulwark.core.model.Finding;
import dev.bulwark.core.model.Location;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code bulwark:ignore <rule-id> <reason>} comments on the line of a finding or on the line
 * before it. A reason is required: an ignore comment without one does not suppress, and is
 * reported, so that every silenced finding says why.
 *
 * <p>Findings are checked a file at a time ({@link #checkAll}): each file is streamed once and only
 * the lines its findings need are kept, and only their ends (where a marker sits), so a scan with
 * findings in every file of a large tree holds no file in memory.
 */
public final class InlineSuppressions {
  private static final Pattern MARKER =
      Pattern.compile(
          "bulwark:ignore\\s+([A-Za-z0-9_.*-]+)(?:[ \\t]+([^\\r\\n]*?))?\\s*(?:\\*/|-->)?\\s*$");

  /** A marker ends its line; of a longer line only this many trailing bytes are looked at. */
  static final int MAX_LINE_TAIL = 4096;

  /** The outcome for one finding: suppressed with a reason, or a marker missing its reason. */
  public record Verdict(boolean suppressed, String reason, String problem) {}

  private final Path baseDir;

  public InlineSuppressions(Path baseDir) {
    this.baseDir = baseDir;
  }

  /** The verdict for one finding; reads its file. Prefer {@link #checkAll} for many findings. */
  public Optional<Verdict> check(Finding finding) {
    return Optional.ofNullable(checkAll(List.of(finding)).get(finding));
  }

  /**
   * Verdicts for findings, keyed by identity; findings without a marker are absent. Each file is
   * read once, in order, for all its findings.
   */
  public Map<Finding, Verdict> checkAll(List<Finding> findings) {
    Map<String, List<Finding>> byFile = new LinkedHashMap<>();
    for (Finding f : findings) {
      if (f.primaryLocation() instanceof Location.File file
          && file.region() != null
          && !file.path().contains("!/")) {
        byFile.computeIfAbsent(file.path(), k -> new ArrayList<>()).add(f);
      }
    }
    Map<Finding, Verdict> out = new IdentityHashMap<>();
    for (Map.Entry<String, List<Finding>> e : byFile.entrySet()) {
      Set<Integer> wanted = new HashSet<>();
      for (Finding f : e.getValue()) {
        int line = ((Location.File) f.primaryLocation()).region().startLine();
        wanted.add(line);
        wanted.add(line - 1);
      }
      Map<Integer, String> lines = lines(e.getKey(), wanted);
      for (Finding f : e.getValue()) {
        verdict(f, lines).ifPresent(v -> out.put(f, v));
      }
    }
    return out;
  }

  private static Optional<Verdict> verdict(Finding finding, Map<Integer, String> lines) {
    int line = ((Location.File) finding.primaryLocation()).region().startLine();
    for (int n : new int[] {line, line - 1}) {
      String text = lines.get(n);
      if (text == null) {
        continue;
      }
      Matcher m = MARKER.matcher(text);
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

  /**
   * The wanted lines of a file (1-based), each cut to its last {@link #MAX_LINE_TAIL} bytes, read
   * in one streaming pass that stops after the last wanted line; empty when it cannot be read.
   */
  private Map<Integer, String> lines(String relativePath, Set<Integer> wanted) {
    Map<Integer, String> out = new HashMap<>();
    int last = wanted.stream().mapToInt(Integer::intValue).max().orElse(0);
    byte[] tail = new byte[MAX_LINE_TAIL];
    try (InputStream in =
        new BufferedInputStream(Files.newInputStream(baseDir.resolve(relativePath)), 1 << 16)) {
      int line = 1;
      int len = 0; // bytes of the current line kept (its last MAX_LINE_TAIL), ring-free: shifted
      boolean keep = wanted.contains(line);
      byte[] buf = new byte[1 << 16];
      for (int n; line <= last && (n = in.read(buf)) > 0; ) {
        for (int i = 0; i < n && line <= last; i++) {
          byte b = buf[i];
          if (b == '\n') {
            if (keep) {
              out.put(line, decode(tail, len));
            }
            line++;
            len = 0;
            keep = wanted.contains(line);
          } else if (keep) {
            if (len == tail.length) {
              System.arraycopy(tail, tail.length / 2, tail, 0, tail.length - tail.length / 2);
              len = tail.length - tail.length / 2;
            }
            tail[len++] = b;
          }
        }
      }
      if (keep && len > 0) {
        out.put(line, decode(tail, len));
      }
    } catch (IOException | RuntimeException e) {
      return Map.of();
    }
    return out;
  }

  private static String decode(byte[] bytes, int len) {
    String s = TextSniffer.decode(bytes, 0, len);
    return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
  }
}
