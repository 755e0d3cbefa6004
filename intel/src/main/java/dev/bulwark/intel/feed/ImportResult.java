package dev.bulwark.intel.feed;

import java.nio.file.Path;

/**
 * What one file gave the store: its kind, the objects read, those stored and those the store
 * already held in the same or a later version.
 */
public record ImportResult(Path file, FeedKind kind, long read, long stored, long millis) {
  public long unchanged() {
    return read - stored;
  }
}
