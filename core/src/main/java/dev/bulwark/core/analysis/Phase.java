package dev.bulwark.core.analysis;

/**
 * The declared order in which analyzers start and are listed; analyzers of one phase run in
 * parallel with each other and with later phases, but reports keep this order.
 */
public enum Phase {
  /** Files of the working tree: secrets, configuration. */
  FILES,
  /** Source code that needs parsing: taint analysis. */
  CODE,
  /** Manifests, lockfiles, SBOMs and binaries: dependencies. */
  DEPENDENCIES,
  /** Logs and event data. */
  LOGS,
  /** Messages: mail and chat exports. */
  MESSAGES,
  /** Version-control history. */
  HISTORY
}
