package dev.bulwark.core.model;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The name and type of one entry in a finding's {@code properties}. The module that writes a
 * property publishes its key (as {@code SecretProperties.KEY} or {@code
 * MailProperties.MESSAGE_INDEX}), every module that reads it uses the same constant, and
 * docs/report-format.md lists them all. The values stay strings in findings, reports and labels;
 * the key turns them into the type.
 *
 * @param name the property's name in findings and reports
 * @param type what the value holds, as docs/report-format.md names it (text, number, integer, flag)
 * @param description one line for readers of reports
 */
public record PropertyKey<T>(
    String name,
    String type,
    String description,
    Function<String, T> parser,
    Function<T, String> formatter) {

  public PropertyKey {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a property key needs a name");
    }
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(parser, "parser");
    Objects.requireNonNull(formatter, "formatter");
  }

  /** Free text. */
  public static PropertyKey<String> text(String name, String description) {
    return new PropertyKey<>(name, "text", description, s -> s, s -> s);
  }

  /** A decimal number written with two decimals. */
  public static PropertyKey<Double> number(String name, String description) {
    return new PropertyKey<>(
        name, "number", description, Double::valueOf, d -> String.format(Locale.ROOT, "%.2f", d));
  }

  /** A decimal number written as Java writes a double. */
  public static PropertyKey<Double> decimal(String name, String description) {
    return new PropertyKey<>(name, "number", description, Double::valueOf, d -> Double.toString(d));
  }

  /** A whole number. */
  public static PropertyKey<Integer> integer(String name, String description) {
    return new PropertyKey<>(
        name, "integer", description, Integer::valueOf, i -> Integer.toString(i));
  }

  /** {@code true} or {@code false}. */
  public static PropertyKey<Boolean> flag(String name, String description) {
    return new PropertyKey<>(
        name,
        "flag",
        description,
        s -> {
          if (!s.equals("true") && !s.equals("false")) {
            throw new IllegalArgumentException("expected true or false, got '" + s + "'");
          }
          return Boolean.valueOf(s);
        },
        b -> Boolean.toString(b));
  }

  /** The value written for {@code value}. */
  public String format(T value) {
    return formatter.apply(Objects.requireNonNull(value, name));
  }

  /**
   * This property's value in {@code properties} (a finding's or a label's), or empty when absent or
   * not of this key's type — labels written by older versions may carry anything.
   */
  public Optional<T> in(Map<String, String> properties) {
    String raw = properties == null ? null : properties.get(name);
    if (raw == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(parser.apply(raw));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  /** True when {@code raw} is a value of this key's type. */
  public boolean accepts(String raw) {
    try {
      parser.apply(raw);
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }
}
