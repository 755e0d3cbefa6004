package dev.bulwark.core.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The directories a reader was given, by their real paths. Everything a reader opens on its own — a
 * parent POM, an include, a file in a walked directory — must resolve, links followed, to a regular
 * file inside one of them; what does not is skipped and said so. A file given as a root confines to
 * itself.
 */
public final class Roots {
  private final List<Path> real;

  private Roots(List<Path> real) {
    this.real = List.copyOf(real);
  }

  /** The roots that exist, by their real paths; missing ones confine nothing. */
  public static Roots of(List<Path> roots) {
    List<Path> out = new ArrayList<>();
    for (Path r : roots) {
      try {
        out.add(r.toAbsolutePath().normalize().toRealPath());
      } catch (IOException e) {
        // a root that does not exist holds nothing
      }
    }
    return new Roots(out);
  }

  public static Roots of(Path... roots) {
    return of(List.of(roots));
  }

  public List<Path> paths() {
    return real;
  }

  /** Whether a real path lies inside (or is) one of the roots. */
  public boolean contains(Path realPath) {
    return real.stream().anyMatch(realPath::startsWith);
  }

  /** Why a path may not be read, or empty when it is a regular file inside the roots. */
  public Optional<String> refusal(Path p) {
    Path target;
    try {
      target = p.toRealPath();
    } catch (IOException e) {
      return Optional.of("does not exist or cannot be resolved");
    }
    if (!contains(target)) {
      return Optional.of("leads outside " + describe() + " (to " + target + ")");
    }
    FileKind kind = FileKind.of(target);
    if (kind != FileKind.REGULAR) {
      return Optional.of("is " + kind.description() + ", not a regular file");
    }
    return Optional.empty();
  }

  /** The real path of a regular file inside the roots, or empty. */
  public Optional<Path> resolveFile(Path p) {
    if (refusal(p).isPresent()) {
      return Optional.empty();
    }
    try {
      return Optional.of(p.toRealPath());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** "the scanned directory /x" or "the scanned directories /x, /y". */
  public String describe() {
    if (real.size() == 1) {
      return "the directory given (" + real.get(0) + ")";
    }
    return "the directories given " + real;
  }

  /**
   * Reads a whole file of at most {@code max} bytes. The size is checked on what was read, not on
   * what the file system claims, so a file that grows or lies about its size cannot exceed it.
   */
  public static byte[] readBounded(Path file, long max) throws IOException {
    FileKind kind = FileKind.ofTarget(file);
    if (kind != FileKind.REGULAR) {
      throw new IOException(file + " is " + kind.description() + ", not a regular file");
    }
    if (Files.size(file) > max) {
      throw new TooLargeException(file, max);
    }
    try (InputStream in = Files.newInputStream(file)) {
      byte[] b = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
      if (b.length > max) {
        throw new TooLargeException(file, max);
      }
      return b;
    }
  }

  /** A file over a reader's size limit. */
  public static final class TooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    TooLargeException(Path file, long max) {
      super(file + " is larger than " + (max >= 1 << 20 ? (max >> 20) + " MB" : max + " bytes"));
    }
  }
}
