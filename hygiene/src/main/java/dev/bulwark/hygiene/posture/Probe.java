package dev.bulwark.hygiene.posture;

import dev.bulwark.hygiene.check.CheckResult;
import java.util.function.Function;

/**
 * Reads one part of a system's posture. Probes only read: they never change the system, and the
 * only commands they run are read-only ones on the live root.
 */
public interface Probe {
  /** The catalogue id of the check this probe answers. */
  String id();

  CheckResult run(SystemRoot root);

  /** A probe whose answer is {@code run}'s. */
  static Probe of(String id, Function<SystemRoot, CheckResult> run) {
    return new Probe() {
      @Override
      public String id() {
        return id;
      }

      @Override
      public CheckResult run(SystemRoot root) {
        return run.apply(root);
      }
    };
  }

  /** A check this kind of system does not need, and why, whatever the root holds. */
  static Probe notApplicable(String id, String why) {
    return of(id, root -> CheckResult.notApplicable(id, why));
  }
}
