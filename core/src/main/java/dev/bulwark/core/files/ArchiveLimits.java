package dev.bulwark.core.files;

/**
 * Bounds on what is read out of an archive, so that a zip bomb or a deeply nested archive cannot
 * exhaust memory or time: nesting depth, number of entries, bytes per entry, total expanded bytes,
 * and the expansion ratio over the compressed input.
 */
public record ArchiveLimits(
    int maxDepth, int maxEntries, long maxEntryBytes, long maxTotalBytes, int maxRatio) {

  public ArchiveLimits {
    if (maxDepth < 1 || maxEntries < 1 || maxEntryBytes < 1 || maxTotalBytes < 1 || maxRatio < 1) {
      throw new IllegalArgumentException("archive limits must be positive: " + this);
    }
  }

  public static ArchiveLimits defaults() {
    return new ArchiveLimits(3, 10_000, 50L << 20, 256L << 20, 200);
  }
}
