package dev.bulwark.core.files;

import dev.bulwark.core.errors.InputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A file a report goes to, checked before any work starts. Bulwark writes only to a new path or
 * over a regular file, never over a device, FIFO, socket or directory, never over one of its own
 * inputs or over a file inside a scanned directory that it did not write itself, and through a
 * symbolic link only when asked. The report is written beside its target and moved into place, so a
 * reader never sees half of it.
 */
public final class OutputFile {
  /** How far into an existing file Bulwark looks for its own name, to know it wrote it. */
  private static final int SIGNATURE_BYTES = 4096;

  private final Path requested;
  private final Path target;

  private OutputFile(Path requested, Path target) {
    this.requested = requested;
    this.target = target;
  }

  /** Writes a report's bytes. */
  @FunctionalInterface
  public interface Body {
    void writeTo(OutputStream out) throws IOException;
  }

  /** The path as the user gave it. */
  public Path requested() {
    return requested;
  }

  /** Where the bytes go: the path itself, or what a link leads to when links are followed. */
  public Path target() {
    return target;
  }

  /**
   * Checks where a report may go, creating missing parent directories.
   *
   * @param inputs the files and directories the command reads
   * @param throughLinks whether a symbolic link may be followed to the file it leads to
   * @throws InputException with a plain message naming the path and the problem
   */
  public static OutputFile check(Path requested, List<Path> inputs, boolean throughLinks)
      throws InputException {
    Path abs = requested.toAbsolutePath();
    Path target = abs;
    FileKind kind = FileKind.of(abs);
    if (kind == FileKind.SYMBOLIC_LINK) {
      if (!throughLinks) {
        throw new InputException(
            requested
                + ": is a symbolic link"
                + linkTarget(abs)
                + "; reports are not written through links (use --write-through-links to allow"
                + " it, or name the file itself)");
      }
      try {
        target = abs.toRealPath();
      } catch (IOException e) {
        throw new InputException(
            requested + ": is a symbolic link that leads nowhere" + linkTarget(abs));
      }
      kind = FileKind.of(target);
    }
    switch (kind) {
      case REGULAR, MISSING -> {}
      case DIRECTORY ->
          throw new InputException(requested + ": is a directory; name a file for the report");
      case INACCESSIBLE ->
          throw new InputException(requested + ": cannot be examined (permission denied?)");
      default ->
          throw new InputException(
              requested
                  + ": is "
                  + kind.description()
                  + "; reports are written only to regular files or new paths");
    }
    Path dir = parentDirectory(requested, target);
    probeWritable(requested, dir);
    if (kind == FileKind.REGULAR) {
      refuseInputs(requested, target, inputs);
    }
    return new OutputFile(requested, target);
  }

  /**
   * Checks a directory that files will be written into (an export), before any work: it must be a
   * directory or a new path (created here, with missing parents), writable, reached without a
   * symbolic link unless asked, and not one of the inputs.
   *
   * @throws InputException with a plain message naming the path and the problem
   */
  public static Path checkDirectory(Path requested, List<Path> inputs, boolean throughLinks)
      throws InputException {
    Path abs = requested.toAbsolutePath();
    FileKind kind = FileKind.of(abs);
    if (kind == FileKind.SYMBOLIC_LINK && !throughLinks) {
      throw new InputException(
          requested
              + ": is a symbolic link"
              + linkTarget(abs)
              + "; output is not written through links (use --write-through-links to allow it)");
    }
    kind = FileKind.ofTarget(abs);
    switch (kind) {
      case DIRECTORY, MISSING -> {}
      case INACCESSIBLE ->
          throw new InputException(requested + ": cannot be examined (permission denied?)");
      default ->
          throw new InputException(
              requested + ": is " + kind.description() + "; name a directory for the output");
    }
    for (Path input : inputs) {
      if (abs.normalize().equals(input.toAbsolutePath().normalize())) {
        throw new InputException(
            requested + ": is one of the inputs; choose a new directory for the output");
      }
    }
    // the directory itself is created through parentDirectory's checks, as a report's would be
    Path dir = parentDirectory(requested, abs.resolve(".bulwark-probe"));
    probeWritable(requested, dir);
    return dir;
  }

  /** Writes the report beside its target and moves it into place. */
  public void write(Body body) throws IOException {
    // checked again: the path may have changed since the command started
    FileKind kind = FileKind.of(target);
    if (kind != FileKind.REGULAR && kind != FileKind.MISSING) {
      throw new IOException(requested + ": is now " + kind.description() + "; not written");
    }
    Path dir = target.getParent();
    Path tmp = Files.createTempFile(dir, ".bulwark-", ".tmp");
    try {
      if (kind == FileKind.REGULAR) {
        keepPermissions(target, tmp);
      }
      try (OutputStream os = Files.newOutputStream(tmp)) {
        body.writeTo(os);
      }
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Writes text as UTF-8. */
  public void writeString(String text) throws IOException {
    write(out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
  }

  private static String linkTarget(Path link) {
    try {
      return " (to " + Files.readSymbolicLink(link) + ")";
    } catch (IOException | UnsupportedOperationException e) {
      return "";
    }
  }

  /** The directory the report goes in, created when missing; it must be a directory. */
  private static Path parentDirectory(Path requested, Path target) throws InputException {
    Path dir = target.getParent();
    if (dir == null) {
      throw new InputException(requested + ": not a file path");
    }
    // the nearest ancestor that exists must be a directory: a/b.json/report.json is refused
    Path existing = dir;
    while (existing != null && FileKind.ofTarget(existing) == FileKind.MISSING) {
      existing = existing.getParent();
    }
    if (existing != null && FileKind.ofTarget(existing) != FileKind.DIRECTORY) {
      throw new InputException(
          requested
              + ": "
              + existing
              + " is "
              + FileKind.ofTarget(existing).description()
              + ", not a directory");
    }
    try {
      Files.createDirectories(dir);
    } catch (FileSystemException e) {
      throw new InputException(
          requested + ": cannot create the directory " + dir + ": " + reason(e));
    } catch (IOException e) {
      throw new InputException(
          requested + ": cannot create the directory " + dir + ": " + e.getMessage());
    }
    return dir;
  }

  /** Creates and removes a file where the report will go, so a failure shows before the work. */
  private static void probeWritable(Path requested, Path dir) throws InputException {
    try {
      Path probe = Files.createTempFile(dir, ".bulwark-", ".tmp");
      Files.delete(probe);
    } catch (FileSystemException e) {
      throw new InputException(requested + ": cannot write in " + dir + ": " + reason(e));
    } catch (IOException e) {
      throw new InputException(requested + ": cannot write in " + dir + ": " + e.getMessage());
    }
  }

  private static String reason(FileSystemException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof NoSuchFileException) {
      return "the file system refuses new files there";
    }
    String r = e.getReason();
    return r == null ? e.getClass().getSimpleName() : r.toLowerCase(Locale.ROOT);
  }

  /**
   * An existing file that is an input, or lies inside a scanned directory and was not written by
   * Bulwark, is evidence: replacing it would destroy what was analysed.
   */
  private static void refuseInputs(Path requested, Path target, List<Path> inputs)
      throws InputException {
    Path real;
    try {
      real = target.toRealPath();
    } catch (IOException e) {
      return;
    }
    for (Path input : inputs) {
      Path in;
      try {
        in = input.toAbsolutePath().toRealPath();
      } catch (IOException e) {
        continue;
      }
      if (real.equals(in)) {
        throw new InputException(
            requested + ": is one of the inputs; writing the report there would replace it");
      }
      if (Files.isDirectory(in) && real.startsWith(in) && !writtenByBulwark(real)) {
        throw new InputException(
            requested
                + ": is a file inside "
                + input
                + ", which is being analysed, and was not written by Bulwark; writing the report"
                + " there would replace it (choose a new path)");
      }
    }
  }

  private static boolean writtenByBulwark(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      String head =
          new String(in.readNBytes(SIGNATURE_BYTES), StandardCharsets.UTF_8)
              .toLowerCase(Locale.ROOT);
      return head.contains("bulwark");
    } catch (IOException e) {
      return false;
    }
  }

  private static void keepPermissions(Path from, Path to) {
    PosixFileAttributeView view = Files.getFileAttributeView(from, PosixFileAttributeView.class);
    if (view == null) {
      return;
    }
    try {
      Set<PosixFilePermission> perms = view.readAttributes().permissions();
      Files.setPosixFilePermissions(to, perms);
    } catch (IOException | UnsupportedOperationException e) {
      // the new file keeps the owner-only default
    }
  }
}
