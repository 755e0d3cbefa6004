package dev.bulwark.ai.llm;

import java.security.MessageDigest;
import java.util.Objects;

/** An API key: never printed, compared in constant time, read only through {@link #reveal}. */
public final class SecretText {
  private final String value;

  private SecretText(String value) {
    this.value = Objects.requireNonNull(value, "value");
  }

  public static SecretText of(String value) {
    return new SecretText(value);
  }

  public String reveal() {
    return value;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SecretText s
        && MessageDigest.isEqual(
            value.getBytes(java.nio.charset.StandardCharsets.UTF_8),
            s.value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  @Override
  public int hashCode() {
    return 0;
  }

  @Override
  public String toString() {
    return "SecretText[redacted]";
  }
}
