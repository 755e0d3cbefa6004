package dev.bulwark.yara.lang;

/** A rule file that is not valid YARA: the message names the file, line and column. */
public final class YaraSyntaxException extends Exception {
  private final String file;
  private final int line;
  private final int column;
  private final String problem;

  public YaraSyntaxException(String file, int line, int column, String problem) {
    super(file + ":" + line + ":" + column + ": " + problem);
    this.file = file;
    this.line = line;
    this.column = column;
    this.problem = problem;
  }

  public String file() {
    return file;
  }

  public int line() {
    return line;
  }

  public int column() {
    return column;
  }

  public String problem() {
    return problem;
  }
}
