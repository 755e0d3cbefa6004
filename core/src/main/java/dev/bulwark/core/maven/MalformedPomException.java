package dev.bulwark.core.maven;

import java.io.IOException;

/** A POM that cannot be read as one: malformed XML, or over a limit. */
public final class MalformedPomException extends IOException {
  private static final long serialVersionUID = 1L;

  public MalformedPomException(String message) {
    super(message);
  }

  public MalformedPomException(String message, Throwable cause) {
    super(message, cause);
  }
}
