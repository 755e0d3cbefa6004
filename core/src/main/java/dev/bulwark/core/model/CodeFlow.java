package dev.bulwark.core.model;

import java.util.List;

/** A path through code from where untrusted data enters to where it does harm. */
public record CodeFlow(String message, List<Step> steps) {

  /** What a step of the path is. */
  public enum Kind {
    SOURCE,
    STEP,
    SANITIZER,
    SINK
  }

  /** One step: a location and what happens to the data there. */
  public record Step(Location.File location, String message, Kind kind) {}

  public CodeFlow {
    steps = List.copyOf(steps);
    if (steps.isEmpty()) {
      throw new IllegalArgumentException("a code flow needs at least one step");
    }
  }
}
