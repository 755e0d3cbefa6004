package dev.bulwark.hygiene.check;

/** What one check concluded. */
public enum Status {
  /** The practice is in place. */
  PASS,
  /** The practice is missing: there is an action to take. */
  FAIL,
  /** Bulwark could not tell (nothing readable, or a question not yet answered). */
  UNKNOWN,
  /** The check does not concern this system (no SSH server, no desktop …). */
  NOT_APPLICABLE
}
