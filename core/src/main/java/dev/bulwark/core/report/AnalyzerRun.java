package dev.bulwark.core.report;

/** How one analyzer's part of a scan went. */
public record AnalyzerRun(String id, String name, long millis, int findings, Status status) {

  /** Outcome of the analyzer; a failed analyzer is reported and the scan goes on. */
  public enum Status {
    COMPLETED,
    FAILED,
    CANCELLED
  }
}
