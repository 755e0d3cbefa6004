package dev.bulwark.deps.inventory;

import dev.bulwark.deps.model.Component;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Reads the packages one kind of manifest, lockfile or SBOM declares. */
public interface ManifestParser {
  /** Whether this parser reads a file with this name (the last path segment). */
  boolean accepts(String fileName);

  /**
   * The packages in the file. {@code relPath} is the path reported in findings; {@code file} is
   * where to read it (and its neighbours, for a POM's parent).
   */
  List<Component> parse(Path file, String relPath, byte[] content)
      throws IOException, ManifestException;

  /** A manifest that cannot be read: the message names the file and the problem. */
  final class ManifestException extends Exception {
    private static final long serialVersionUID = 1L;

    public ManifestException(String message) {
      super(message);
    }

    public ManifestException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
