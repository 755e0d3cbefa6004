package dev.bulwark.attest.evidence;

import dev.bulwark.core.errors.InputException;

/** Evidence that cannot be read as the format says: the message names the file and the offset. */
public final class ReportFormatException extends InputException {
  private static final long serialVersionUID = 1L;

  public ReportFormatException(String source, long offset, String problem) {
    super(source + ": at byte offset " + offset + ": " + problem);
  }

  public ReportFormatException(String source, String problem) {
    super(source + ": " + problem);
  }
}
