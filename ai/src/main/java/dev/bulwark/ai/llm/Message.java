package dev.bulwark.ai.llm;

import java.util.Objects;

/** One chat message. */
public record Message(Role role, String content) {
  /** Who speaks. */
  public enum Role {
    SYSTEM,
    USER,
    ASSISTANT
  }

  public Message {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(content, "content");
  }

  public static Message system(String text) {
    return new Message(Role.SYSTEM, text);
  }

  public static Message user(String text) {
    return new Message(Role.USER, text);
  }
}
