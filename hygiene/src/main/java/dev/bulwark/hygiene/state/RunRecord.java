package dev.bulwark.hygiene.state;

import dev.bulwark.hygiene.check.Status;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/** One past check-up: when, for which profile, each check's status and the progress reached. */
public record RunRecord(Instant time, String profile, int progress, Map<String, Status> statuses) {
  public RunRecord {
    statuses = java.util.Collections.unmodifiableMap(new TreeMap<>(statuses));
  }
}
