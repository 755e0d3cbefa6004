package dev.bulwark.core.report;

import dev.bulwark.core.model.CodeFlow;
import dev.bulwark.core.model.Finding;
import dev.bulwark.core.model.Location;
import dev.bulwark.core.model.TaxonomyRef;
import java.time.Duration;
import java.util.Locale;
import java.util.stream.Collectors;

/** Small formatting shared by the human-readable writers. */
final class Text {
  private Text() {}

  static String bytes(long n) {
    if (n < 1024) {
      return n + " B";
    }
    if (n < 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f KB", n / 1024.0);
    }
    if (n < 1024L * 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f MB", n / (1024.0 * 1024));
    }
    return String.format(Locale.ROOT, "%.2f GB", n / (1024.0 * 1024 * 1024));
  }

  static String duration(Duration d) {
    long ms = d.toMillis();
    if (ms < 1000) {
      return ms + " ms";
    }
    if (ms < 60_000) {
      return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }
    return String.format(Locale.ROOT, "%d min %d s", ms / 60_000, (ms % 60_000) / 1000);
  }

  static String taxa(Finding f) {
    return f.taxa().stream().map(TaxonomyRef::display).collect(Collectors.joining(", "));
  }

  static String snippet(Location l) {
    return switch (l) {
      case Location.File f -> f.snippet();
      case Location.GitBlob g -> g.snippet();
      case Location.MailPart m -> m.snippet();
      default -> null;
    };
  }

  static String stepLabel(CodeFlow.Kind kind) {
    return kind.name().toLowerCase(Locale.ROOT);
  }

  static String plural(int n, String word) {
    return n + " " + word + (n == 1 ? "" : "s");
  }
}
