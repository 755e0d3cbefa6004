package dev.bulwark.core.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * What a path is on disk. Only regular files are ever opened for reading: opening a FIFO blocks
 * until something writes to it, and a device such as {@code /dev/zero} never ends.
 */
public enum FileKind {
  REGULAR("a regular file"),
  DIRECTORY("a directory"),
  SYMBOLIC_LINK("a symbolic link"),
  FIFO("a FIFO (named pipe)"),
  CHARACTER_DEVICE("a character device"),
  BLOCK_DEVICE("a block device"),
  SOCKET("a socket"),
  OTHER("a special file"),
  MISSING("missing"),
  INACCESSIBLE("not accessible");

  private final String description;

  FileKind(String description) {
    this.description = description;
  }

  /** How the kind reads in a message: "a FIFO (named pipe)". */
  public String description() {
    return description;
  }

  /** Whether reading it could block or never end: FIFOs, devices, sockets and the like. */
  public boolean special() {
    return this == FIFO
        || this == CHARACTER_DEVICE
        || this == BLOCK_DEVICE
        || this == SOCKET
        || this == OTHER;
  }

  /** The kind of the path itself; a symbolic link is reported as one. */
  public static FileKind of(Path p) {
    return read(p, LinkOption.NOFOLLOW_LINKS);
  }

  /** The kind of what the path leads to, following symbolic links. */
  public static FileKind ofTarget(Path p) {
    return read(p);
  }

  private static FileKind read(Path p, LinkOption... options) {
    BasicFileAttributes a;
    try {
      a = Files.readAttributes(p, BasicFileAttributes.class, options);
    } catch (NoSuchFileException e) {
      return MISSING;
    } catch (IOException e) {
      return INACCESSIBLE;
    }
    if (a.isSymbolicLink()) {
      return SYMBOLIC_LINK;
    }
    if (a.isRegularFile()) {
      return REGULAR;
    }
    if (a.isDirectory()) {
      return DIRECTORY;
    }
    try {
      // S_IFMT bits of st_mode, where the platform exposes them (Linux, macOS)
      int mode = (Integer) Files.getAttribute(p, "unix:mode", options);
      return switch (mode & 0170000) {
        case 0010000 -> FIFO;
        case 0020000 -> CHARACTER_DEVICE;
        case 0060000 -> BLOCK_DEVICE;
        case 0140000 -> SOCKET;
        default -> OTHER;
      };
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return OTHER;
    }
  }
}
