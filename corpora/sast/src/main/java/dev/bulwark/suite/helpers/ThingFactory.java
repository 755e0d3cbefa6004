package dev.bulwark.suite.helpers;

/** Chooses a {@link Thing} by name. */
public final class ThingFactory {
  private ThingFactory() {}

  public static Thing create(String kind) {
    switch (kind) {
      case "echo":
        return new EchoThing();
      case "fixed":
      default:
        return new FixedThing();
    }
  }
}
