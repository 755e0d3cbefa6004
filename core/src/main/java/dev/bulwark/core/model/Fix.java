package dev.bulwark.core.model;

import java.util.List;
import java.util.Objects;

/**
 * A proposed change that removes a finding: the edits, a unified diff for people, what secure
 * default it restores, and whether it was verified (it compiles and the finding is gone).
 */
public record Fix(
    String description,
    List<Change> changes,
    String unifiedDiff,
    Status status,
    String provenance) {

  /** Whether the fix was checked. Only {@link #VERIFIED} fixes are applied by default. */
  public enum Status {
    VERIFIED,
    UNVERIFIED,
    REJECTED
  }

  /** Edits to one file. */
  public record Change(String path, List<Replacement> replacements) {
    public Change {
      Objects.requireNonNull(path, "path");
      replacements = List.copyOf(replacements);
    }
  }

  /**
   * Replace the text in {@code deleted} (empty region for a pure insertion) with {@code inserted}.
   */
  public record Replacement(Region deleted, String inserted) {
    public Replacement {
      Objects.requireNonNull(deleted, "deleted");
      Objects.requireNonNull(inserted, "inserted");
    }
  }

  public Fix {
    Objects.requireNonNull(description, "description");
    changes = List.copyOf(changes);
    Objects.requireNonNull(status, "status");
  }
}
