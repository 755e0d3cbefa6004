package dev.bulwark.threatmodel.tree;

/** A model or rule file that cannot be used; the message names the file, the line and the path. */
public final class ModelException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final int line;

  public ModelException(String file, int line, String path, String problem) {
    super(file + ":" + line + (path == null || path.isEmpty() ? "" : ": " + path) + ": " + problem);
    this.file = file;
    this.line = line;
  }

  public String file() {
    return file;
  }

  public int line() {
    return line;
  }
}
