package dev.bulwark.store;

import dev.bulwark.core.model.Confidence;
import dev.bulwark.core.model.Finding;
import dev.bulwark.core.model.Location;
import dev.bulwark.core.model.Region;
import dev.bulwark.core.model.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Findings and uploads for store tests. */
final class Fixtures {
  private Fixtures() {}

  static final Severity[] SEVERITIES = {
    Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW
  };

  static Finding finding(String analyzer, String key, Severity severity, String path, int line) {
    return Finding.builder(analyzer, analyzer + "-rule-" + (key.hashCode() & 3))
        .title("Finding " + key)
        .message("Something at " + path + ":" + line)
        .severity(severity)
        .confidence(Confidence.HIGH)
        .location(new Location.File(path, new Region(line, 1, line, 10), "code " + key))
        .identity(key)
        .build();
  }

  /** {@code n} findings of one analyzer named prefix-0 … prefix-(n-1), severities cycling. */
  static List<Finding> many(String analyzer, String prefix, int n) {
    List<Finding> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(
          finding(
              analyzer,
              prefix + "-" + i,
              SEVERITIES[i % 4],
              "src/" + prefix + "/F" + i + ".java",
              i + 1));
    }
    return out;
  }

  static Ingest.Upload upload(String project, String key, List<Finding> findings) {
    Set<String> analyzers =
        new java.util.TreeSet<>(findings.stream().map(Finding::analyzer).toList());
    if (analyzers.isEmpty()) {
      analyzers.add("secrets");
    }
    return new Ingest.Upload(project, key, "Bulwark test", analyzers, findings, List.of());
  }
}
