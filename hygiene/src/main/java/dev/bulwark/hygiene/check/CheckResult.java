package dev.bulwark.hygiene.check;

import java.util.List;
import java.util.Objects;

/**
 * What one check found: its status and the evidence behind it. Evidence names files, settings and
 * counts — never a password, a secret or a file's contents.
 */
public record CheckResult(String checkId, Status status, List<String> evidence) {
  public CheckResult {
    Objects.requireNonNull(checkId, "checkId");
    Objects.requireNonNull(status, "status");
    evidence = List.copyOf(evidence);
  }

  public static CheckResult pass(String id, String... evidence) {
    return new CheckResult(id, Status.PASS, List.of(evidence));
  }

  public static CheckResult fail(String id, List<String> evidence) {
    return new CheckResult(id, Status.FAIL, evidence);
  }

  public static CheckResult unknown(String id, String why) {
    return new CheckResult(id, Status.UNKNOWN, List.of(why));
  }

  public static CheckResult notApplicable(String id, String why) {
    return new CheckResult(id, Status.NOT_APPLICABLE, List.of(why));
  }

  /**
   * Collects what a probe saw, line by line, and concludes: failing if any line fails (with the
   * failing lines as evidence), else unknown if any line is unknown, else passing; with no line at
   * all, not applicable when a reason was given.
   */
  public static final class Builder {
    private final List<String> pass = new java.util.ArrayList<>();
    private final List<String> fail = new java.util.ArrayList<>();
    private final List<String> unknown = new java.util.ArrayList<>();
    private String notApplicable;

    public Builder pass(String evidence) {
      pass.add(evidence);
      return this;
    }

    public Builder fail(String evidence) {
      fail.add(evidence);
      return this;
    }

    public Builder unknown(String evidence) {
      unknown.add(evidence);
      return this;
    }

    /** Nothing to judge on this system, for this reason (when no other line was added). */
    public Builder notApplicable(String why) {
      notApplicable = why;
      return this;
    }

    public boolean failing() {
      return !fail.isEmpty();
    }

    public CheckResult build(String id) {
      if (!fail.isEmpty()) {
        return CheckResult.fail(id, fail);
      }
      if (!unknown.isEmpty()) {
        return new CheckResult(id, Status.UNKNOWN, unknown);
      }
      if (pass.isEmpty()) {
        return notApplicable != null
            ? CheckResult.notApplicable(id, notApplicable)
            : CheckResult.unknown(id, "nothing to judge");
      }
      return new CheckResult(id, Status.PASS, pass);
    }
  }
}
