package dev.bulwark.suite.helpers;

/** Process-wide state (the cases use it to move values through static fields). */
public final class Shared {
  public static final String DEFAULT = "default value";
  public static String last;

  private Shared() {}
}
