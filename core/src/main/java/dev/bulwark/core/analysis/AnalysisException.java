package dev.bulwark.core.analysis;

/** An analyzer could not do its work; the scan reports it and goes on with the others. */
public class AnalysisException extends Exception {
  private static final long serialVersionUID = 1L;

  public AnalysisException(String message) {
    super(message);
  }

  public AnalysisException(String message, Throwable cause) {
    super(message, cause);
  }
}
