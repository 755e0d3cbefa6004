package dev.bulwark.port.translate;

/** A construct the deterministic pass does not translate; the message says which and why. */
public final class Unsupported extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public Unsupported(String message) {
    super(message, null, false, false);
  }
}
