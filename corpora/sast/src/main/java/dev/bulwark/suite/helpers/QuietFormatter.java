package dev.bulwark.suite.helpers;

/** Replaces the value with a fixed word. */
public class QuietFormatter extends BaseFormatter {
  @Override
  public String format(String value) {
    return "quiet";
  }
}
