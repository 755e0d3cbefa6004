package dev.bulwark.deception.profile;

/** A honeypot profile or configuration that cannot be used, with the file and the problem. */
public final class ProfileException extends Exception {
  private static final long serialVersionUID = 1L;

  public ProfileException(String message) {
    super(message);
  }

  public ProfileException(String message, Throwable cause) {
    super(message, cause);
  }
}
