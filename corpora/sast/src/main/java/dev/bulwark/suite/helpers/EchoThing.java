package dev.bulwark.suite.helpers;

/** Returns its input, trimmed. */
public class EchoThing implements Thing {
  @Override
  public String process(String input) {
    return input == null ? "" : input.trim();
  }
}
