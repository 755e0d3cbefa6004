package dev.bulwark.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Keeps Bulwark's data directory private: directories 0700, files 0600. The store holds password
 * hashes, token hashes and session CSRF values, and the first-run credential lives beside it, so
 * nobody but the owner should read any of it. On file systems without POSIX permissions it does
 * nothing.
 */
public final class OwnerOnly {
  static final Set<PosixFilePermission> DIR = PosixFilePermissions.fromString("rwx------");
  static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

  private OwnerOnly() {}

  private static boolean posix() {
    return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  }

  /**
   * Creates {@code dir} (and missing parents up to it) owner-only, and tightens what is already
   * there: returns one warning per directory or file that others could read.
   */
  public static List<String> secure(Path dir) {
    List<String> warnings = new ArrayList<>();
    try {
      if (!posix()) {
        Files.createDirectories(dir);
        return warnings;
      }
      createOwnerOnly(dir.toAbsolutePath());
      try (Stream<Path> all = Files.walk(dir)) {
        for (Path p : (Iterable<Path>) all::iterator) {
          if (Files.isSymbolicLink(p)) {
            continue;
          }
          Set<PosixFilePermission> want = Files.isDirectory(p) ? DIR : FILE;
          Set<PosixFilePermission> have = Files.getPosixFilePermissions(p);
          if (have.stream().anyMatch(x -> !want.contains(x) && !x.name().startsWith("OWNER"))) {
            warnings.add(
                p
                    + " was readable by others ("
                    + PosixFilePermissions.toString(have)
                    + "); now "
                    + PosixFilePermissions.toString(want));
            Files.setPosixFilePermissions(p, want);
          }
        }
      }
    } catch (IOException e) {
      throw new StoreException(dir + ": cannot make the data directory owner-only: " + e, e);
    }
    return warnings;
  }

  /**
   * Writes a secret to a new owner-only file (replacing an older one); the value is never logged.
   */
  public static void writeSecret(Path file, String value) {
    try {
      secure(file.toAbsolutePath().getParent());
      Files.deleteIfExists(file);
      if (posix()) {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE));
      }
      Files.writeString(
          file,
          value + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.TRUNCATE_EXISTING,
          StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": cannot write", e);
    }
  }

  /** Creates missing directories up to {@code dir} owner-only from the start (no warning). */
  private static void createOwnerOnly(Path dir) throws IOException {
    if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Path parent = dir.getParent();
    if (parent != null) {
      createOwnerOnly(parent);
    }
    try {
      Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(DIR));
      // the umask may have taken bits away, never added any; set exactly
      Files.setPosixFilePermissions(dir, DIR);
    } catch (java.nio.file.FileAlreadyExistsException e) {
      // created meanwhile by someone else; checked below like any existing directory
    }
  }
}
