package dev.bulwark.core.files;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/** A regular file selected for scanning: where it is, how it is reported, and its size. */
public record SourceFile(Path path, String relativePath, long size) {
  public SourceFile {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(relativePath, "relativePath");
  }

  /** The lower-case extension without the dot, or "" when there is none. */
  public String extension() {
    String name = path.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot <= 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
  }

  public String fileName() {
    return path.getFileName().toString();
  }
}
