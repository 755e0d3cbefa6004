package dev.bulwark.hygiene.passwords;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A password held as characters that are wiped after use: {@code toString} never shows it, and raw
 * access is the explicit {@link #chars()}. Call {@link #wipe()} (or close it) once done.
 */
public final class Password implements AutoCloseable {
  private final char[] chars;
  private boolean wiped;

  /** Takes ownership of {@code chars}: the caller must not keep using the array. */
  public Password(char[] chars) {
    this.chars = Objects.requireNonNull(chars, "chars");
  }

  /** The characters themselves; the array is this object's, and is zeroed by {@link #wipe()}. */
  public char[] chars() {
    if (wiped) {
      throw new IllegalStateException("password already wiped");
    }
    return chars;
  }

  public int length() {
    return chars.length;
  }

  public boolean isEmpty() {
    return chars.length == 0;
  }

  /** The UTF-8 bytes, in a new array the caller must zero. */
  public byte[] utf8() {
    ByteBuffer bb = StandardCharsets.UTF_8.encode(CharBuffer.wrap(chars()));
    byte[] out = new byte[bb.remaining()];
    bb.get(out);
    if (bb.hasArray()) {
      Arrays.fill(bb.array(), (byte) 0);
    }
    return out;
  }

  public void wipe() {
    Arrays.fill(chars, '\0');
    wiped = true;
  }

  public boolean wiped() {
    return wiped;
  }

  @Override
  public void close() {
    wipe();
  }

  @Override
  public String toString() {
    return "Password[redacted]";
  }
}
