package dev.bulwark.config.doc;

import java.util.Objects;

/**
 * A leaf value. {@code text} is the value as a string ({@code true}, {@code 8080}, {@code
 * nginx:latest}); for an {@link Type#EXPRESSION} (an HCL reference, call or template the parser
 * does not evaluate) it is the expression's source, so rules never mistake it for a literal.
 *
 * <p>{@code contentLine} is the line the text itself starts on, which differs from the node's line
 * for YAML block scalars ({@code run: |}); rules use it to point at the line inside a script.
 */
public final class Scalar extends Node {
  /** What kind of value the text holds. */
  public enum Type {
    STRING,
    NUMBER,
    BOOLEAN,
    NULL,
    EXPRESSION
  }

  private final String text;
  private final Type type;
  private final int contentLine;

  public Scalar(int line, String text, Type type, int contentLine) {
    super(line);
    this.text = Objects.requireNonNull(text, "text");
    this.type = Objects.requireNonNull(type, "type");
    this.contentLine = contentLine < 1 ? line : contentLine;
  }

  public Scalar(int line, String text, Type type) {
    this(line, text, type, line);
  }

  public String text() {
    return text;
  }

  public Type type() {
    return type;
  }

  /** The line of the character at {@code offset} in the text, counting its line breaks. */
  public int lineOf(int offset) {
    int l = contentLine;
    for (int i = 0; i < offset && i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        l++;
      }
    }
    return l;
  }

  @Override
  public String toString() {
    return text;
  }
}
