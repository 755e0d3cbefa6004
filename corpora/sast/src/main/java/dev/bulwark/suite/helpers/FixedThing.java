package dev.bulwark.suite.helpers;

/** Ignores its input. */
public class FixedThing implements Thing {
  @Override
  public String process(String input) {
    return "fixed output";
  }
}
