package dev.bulwark.threatmodel.model;

import java.util.Locale;
import java.util.Objects;

/**
 * The state of a risk as the model's authors track it. {@code riskId} is a synthetic risk id whose
 * {@code @}-separated parts may be {@code *} to match any value.
 */
public record RiskTracking(
    String riskId,
    Status status,
    String justification,
    String ticket,
    String checkedBy,
    String date) {
  public RiskTracking {
    Ids.require(riskId, "risk tracking entry");
    Objects.requireNonNull(status, "status of " + riskId);
    justification = Objects.requireNonNullElse(justification, "");
    ticket = Objects.requireNonNullElse(ticket, "");
    checkedBy = Objects.requireNonNullElse(checkedBy, "");
    date = Objects.requireNonNullElse(date, "");
  }

  /** Threagile's tracking states. */
  public enum Status {
    UNCHECKED,
    IN_DISCUSSION,
    ACCEPTED,
    IN_PROGRESS,
    MITIGATED,
    FALSE_POSITIVE;

    public String label() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static java.util.Optional<Status> parse(String text) {
      for (Status s : values()) {
        if (s.label().equalsIgnoreCase(text.trim())) {
          return java.util.Optional.of(s);
        }
      }
      return java.util.Optional.empty();
    }

    /** Whether a risk in this state still needs work. */
    public boolean open() {
      return this == UNCHECKED || this == IN_DISCUSSION || this == IN_PROGRESS;
    }
  }

  /** Whether this entry covers {@code id}: same number of parts, each equal or {@code *}. */
  public boolean covers(String id) {
    String[] want = riskId.split("@", -1);
    String[] got = id.split("@", -1);
    if (want.length != got.length) {
      return false;
    }
    for (int i = 0; i < want.length; i++) {
      if (!want[i].equals("*") && !want[i].equals(got[i])) {
        return false;
      }
    }
    return true;
  }
}
