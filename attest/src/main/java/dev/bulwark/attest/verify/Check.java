package dev.bulwark.attest.verify;

import java.util.Objects;

/** The outcome of one check, with the reason in words. */
public record Check(CheckId id, Status status, String detail) {
  /** {@code NOT_CHECKED} is what an offline verifier cannot decide (OCSP); it does not fail. */
  public enum Status {
    PASS,
    FAIL,
    SKIPPED,
    NOT_CHECKED
  }

  public Check {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(status, "status");
    detail = detail == null ? "" : detail;
  }

  public boolean failed() {
    return status == Status.FAIL;
  }

  static Check pass(CheckId id, String detail) {
    return new Check(id, Status.PASS, detail);
  }

  static Check fail(CheckId id, String detail) {
    return new Check(id, Status.FAIL, detail);
  }

  static Check of(CheckId id, boolean ok, String passDetail, String failDetail) {
    return ok ? pass(id, passDetail) : fail(id, failDetail);
  }
}
