package dev.bulwark.suite.helpers;

/** Cookie policy decisions. */
public final class Cookies {
  private Cookies() {}

  public static boolean secure(boolean requested) {
    return requested;
  }
}
