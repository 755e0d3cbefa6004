package dev.bulwark.suite.helpers;

import java.util.Map;

/** Redirect targets the application knows. */
public final class Redirects {
  public static final Map<String, String> TARGETS = Map.of("home", "/", "docs", "/docs", "help", "/help");

  private Redirects() {}
}
