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
}
