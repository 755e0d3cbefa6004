package dev.bulwark.core.report;

import dev.bulwark.core.model.Finding;

/** A finding a person chose to silence, kept with the reason so that reports can show it. */
public record SuppressedFinding(Finding finding, Kind kind, String justification) {

  /** Where the suppression came from; SARIF calls the first "inSource", the others "external". */
  public enum Kind {
    IN_SOURCE,
    CONFIG,
    ALLOWLIST
  }
}
