package dev.bulwark.suite.helpers;

/** Small string helpers the cases call from another file. */
public final class Strings {
  private Strings() {}

  public static String decorate(String value) {
    StringBuilder sb = new StringBuilder("<");
    sb.append(value);
    sb.append('>');
    return sb.toString();
  }

  public static String constant(String ignored) {
    String label = "label";
    if (ignored != null && ignored.isEmpty()) {
      label = "empty-label";
    }
    return label;
  }

  public static String firstOf(String... values) {
    return values.length == 0 ? "" : values[0];
  }
}
