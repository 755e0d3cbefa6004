package dev.bulwark.core.files;

import dev.bulwark.core.errors.InputException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Paths a person named as inputs. Bulwark reads regular files and directories only: a FIFO, device
 * or socket named directly is refused (reading a FIFO blocks forever, {@code /dev/zero} never
 * ends), while a symbolic link to one is skipped with a diagnostic by whoever walks it.
 */
public final class InputPaths {
  private InputPaths() {}

  /** Refuses a path that does not exist or is itself a FIFO, device or socket. */
  public static void requireReadableKind(Path p) throws InputException {
    FileKind kind = FileKind.of(p);
    if (kind == FileKind.MISSING) {
      throw new InputException(p + ": no such file or directory");
    }
    if (kind == FileKind.INACCESSIBLE) {
      throw new InputException(p + ": cannot be examined (permission denied?)");
    }
    if (kind.special()) {
      throw new InputException(
          p + ": is " + kind.description() + "; Bulwark reads only regular files and directories");
    }
    if (kind == FileKind.SYMBOLIC_LINK && !Files.exists(p)) {
      throw new InputException(p + ": is a symbolic link that leads nowhere");
    }
  }

  /**
   * Why a named path that is a symbolic link cannot be read (it leads to a FIFO, device or socket),
   * or null when it can.
   */
  public static String unreadableLink(Path p) {
    if (FileKind.of(p) != FileKind.SYMBOLIC_LINK) {
      return null;
    }
    FileKind target = FileKind.ofTarget(p);
    if (!target.special()) {
      return null;
    }
    String to;
    try {
      to = " (" + Files.readSymbolicLink(p) + ")";
    } catch (java.io.IOException | UnsupportedOperationException e) {
      to = "";
    }
    return "is a symbolic link to " + target.description() + to + "; skipped";
  }
}
