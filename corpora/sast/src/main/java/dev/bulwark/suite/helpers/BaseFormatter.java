package dev.bulwark.suite.helpers;

/** Formats a value for display. */
public abstract class BaseFormatter {
  public abstract String format(String value);

  public String describe() {
    return getClass().getSimpleName();
  }
}
