package dev.bulwark.logs.sigma;

/** A rule that cannot be loaded, with the reason; the rule is skipped and listed. */
public class SigmaException extends Exception {
  private static final long serialVersionUID = 1L;

  public SigmaException(String message) {
    super(message);
  }
}
