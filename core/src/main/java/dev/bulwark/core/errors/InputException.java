package dev.bulwark.core.errors;

/**
 * Input a person gave Bulwark cannot be used: a missing path, a malformed configuration or rule
 * file. The message names the file and, where known, the position. The CLI exits with status 2.
 */
public class InputException extends Exception {
  private static final long serialVersionUID = 1L;

  public InputException(String message) {
    super(message);
  }

  public InputException(String message, Throwable cause) {
    super(message, cause);
  }
}
