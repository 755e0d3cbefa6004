package dev.bulwark.core.scan;

import dev.bulwark.core.analysis.ScanOptions;
import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.core.suppress.Baseline;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What to scan and how: roots, options, configuration and an optional baseline. */
public record ScanRequest(
    List<Path> roots, ScanOptions options, BulwarkConfig config, Optional<Baseline> baseline) {
  public ScanRequest {
    roots = List.copyOf(roots);
    if (roots.isEmpty()) {
      throw new IllegalArgumentException("a scan needs at least one path");
    }
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(config, "config");
    baseline = baseline == null ? Optional.empty() : baseline;
  }
}
