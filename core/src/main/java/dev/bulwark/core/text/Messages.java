package dev.bulwark.core.text;

/** Error messages shown to people: one line, never null. */
public final class Messages {
  private Messages() {}

  /** The first line of a message (parsers often append a multi-line excerpt), "" for null. */
  public static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }

  /** The first line of an exception's message, or its type when it has none. */
  public static String firstLine(Throwable e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : firstLine(e.getMessage());
  }
}
