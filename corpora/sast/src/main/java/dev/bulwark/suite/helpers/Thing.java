package dev.bulwark.suite.helpers;

/** Something that turns one string into another. */
public interface Thing {
  String process(String input);
}
