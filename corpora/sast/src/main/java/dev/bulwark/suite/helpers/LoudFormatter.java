package dev.bulwark.suite.helpers;

/** Shouts the value. */
public class LoudFormatter extends BaseFormatter {
  @Override
  public String format(String value) {
    return value.toUpperCase();
  }
}
