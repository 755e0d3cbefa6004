package dev.bulwark.hygiene.posture;

import dev.bulwark.hygiene.check.CheckResult;

/**
 * Reads one part of a system's posture. Probes only read: they never change the system, and the
 * only commands they run are read-only ones on the live root.
 */
public interface Probe {
  /** The catalogue id of the check this probe answers. */
  String id();

  CheckResult run(SystemRoot root);
}
