package dev.bulwark.config.doc;

/**
 * A configuration file that cannot be parsed; the message starts with {@code path:line:} so a
 * person can open the file at the problem.
 */
public final class ParseException extends Exception {
  private static final long serialVersionUID = 1L;
  private final String path;
  private final int line;

  public ParseException(String path, int line, String problem) {
    super(path + ":" + Math.max(line, 1) + ": " + problem);
    this.path = path;
    this.line = Math.max(line, 1);
  }

  public String path() {
    return path;
  }

  public int line() {
    return line;
  }
}
