package dev.bulwark.deps.inventory;

import dev.bulwark.deps.model.Component;
import java.io.IOException;
import java.io.InputStream;
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

  /**
   * A parser that reads its file as a stream, so a lockfile, SBOM or archive of any size costs
   * bounded memory. Parsers without it are given the whole file, up to a size budget.
   */
  interface Streaming extends ManifestParser {
    /** Reads the stream; a budget hit is reported to {@code diagnostics}, what was read kept. */
    List<Component> parse(
        Path file,
        String relPath,
        InputStream in,
        dev.bulwark.core.errors.DiagnosticSink diagnostics)
        throws IOException, ManifestException;

    @Override
    default List<Component> parse(Path file, String relPath, byte[] content)
        throws IOException, ManifestException {
      return parse(file, relPath, new java.io.ByteArrayInputStream(content), d -> {});
    }
  }

  /**
   * Most packages one manifest may declare; a real lockfile has thousands. Beyond it a file is a
   * generated or hostile one, and reading on would only fill memory.
   */
  int MAX_COMPONENTS = 50_000;

  /** The diagnostic for a manifest that declares more than {@link #MAX_COMPONENTS} packages. */
  static dev.bulwark.core.errors.Diagnostic tooManyComponents(String relPath) {
    return dev.bulwark.core.errors.Diagnostic.warning(
        "deps",
        relPath,
        "declares more than "
            + MAX_COMPONENTS
            + " packages, the budget for one manifest; only the first "
            + MAX_COMPONENTS
            + " are kept");
  }

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
