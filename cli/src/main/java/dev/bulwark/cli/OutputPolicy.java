package dev.bulwark.cli;

import dev.bulwark.core.errors.InputException;
import dev.bulwark.core.files.OutputFile;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** How a command may write its output files; shared by every command that writes reports. */
final class OutputPolicy {
  @Option(
      names = "--write-through-links",
      description =
          "Let an output path be a symbolic link and write to the file it leads to (by default a"
              + " link is refused, as are devices, FIFOs and sockets).")
  boolean throughLinks;

  /** Checks an output path before any work; null stays null (standard output). */
  OutputFile check(Path file, List<Path> inputs) throws InputException {
    return file == null ? null : OutputFile.check(file, inputs, throughLinks);
  }

  /** Checks a directory that output files go into, before any work. */
  void checkDirectory(Path dir, List<Path> inputs) throws InputException {
    OutputFile.checkDirectory(dir, inputs, throughLinks);
  }
}
