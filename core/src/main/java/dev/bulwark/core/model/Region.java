package dev.bulwark.core.model;

/**
 * A span of text in a file: 1-based lines and 1-based columns counted in UTF-16 code units, with
 * {@code endColumn} exclusive, as SARIF defines it. Column 0 means the columns are not known and
 * the region covers whole lines.
 */
public record Region(int startLine, int startColumn, int endLine, int endColumn) {
  public Region {
    if (startLine < 1 || endLine < startLine) {
      throw new IllegalArgumentException(
          "invalid line range " + startLine + ".." + endLine + " (lines are 1-based)");
    }
    if (startColumn < 0 || endColumn < 0) {
      throw new IllegalArgumentException(
          "invalid columns "
              + startColumn
              + ".."
              + endColumn
              + " (columns are 1-based, 0 unknown)");
    }
    if ((startColumn == 0) != (endColumn == 0)) {
      throw new IllegalArgumentException(
          "columns " + startColumn + ".." + endColumn + " must be both known or both unknown");
    }
    if (startLine == endLine && endColumn < startColumn) {
      throw new IllegalArgumentException(
          "end column " + endColumn + " before start column " + startColumn);
    }
  }

  /** A whole line, or the part of it the caller does not know more precisely. */
  public static Region line(int line) {
    return new Region(line, 0, line, 0);
  }

  public static Region lines(int startLine, int endLine) {
    return new Region(startLine, 0, endLine, 0);
  }

  public boolean hasColumns() {
    return startColumn > 0;
  }
}
