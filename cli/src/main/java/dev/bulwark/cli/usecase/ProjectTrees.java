package dev.bulwark.cli.usecase;

import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.core.errors.DiagnosticSink;
import dev.bulwark.core.errors.InputException;
import dev.bulwark.core.files.SourceTree;
import dev.bulwark.core.files.WalkOptions;
import dev.bulwark.core.scan.Scanner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A project folder read as a scan reads it: bulwark.yaml's include and exclude globs hold. */
final class ProjectTrees {
  private ProjectTrees() {}

  static SourceTree walk(Path root, BulwarkConfig config, DiagnosticSink diagnostics)
      throws InputException, IOException {
    if (!Files.isDirectory(root)) {
      throw new InputException(root + ": not a directory");
    }
    return SourceTree.walk(
        List.of(root),
        Scanner.walkOptions(config, List.of(root), WalkOptions.defaults()),
        diagnostics);
  }
}
