package dev.bulwark.ai.llm;

/** A model could not be reached or answered something that is not a completion. */
public final class LlmException extends Exception {
  private static final long serialVersionUID = 1L;

  public LlmException(String message) {
    super(message);
  }

  public LlmException(String message, Throwable cause) {
    super(message, cause);
  }
}
