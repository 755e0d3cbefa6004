package dev.bulwark.cli;

import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.core.config.DataDir;
import dev.bulwark.core.errors.InputException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Options many commands take, each declared once as a picocli mixin ({@code @Mixin
 * CommonOptions.Threads threads;}) so that their names, help and checks stay alike everywhere.
 */
final class CommonOptions {
  private CommonOptions() {}

  /** {@code --threads N}: worker threads, by default one per processor. */
  static final class Threads {
    @Option(
        names = "--threads",
        paramLabel = "N",
        description = "Worker threads (default: number of processors).")
    Integer threads;

    /** The number asked for, or the processors' count; fewer than one is an input error. */
    int value() throws InputException {
      if (threads == null) {
        return Math.max(1, Runtime.getRuntime().availableProcessors());
      }
      if (threads < 1) {
        throw new InputException("--threads must be at least 1, got " + threads);
      }
      return threads;
    }

    /** Whether the user chose a number (otherwise a command's own default may apply). */
    boolean given() {
      return threads != null;
    }
  }

  /** {@code --file-time-budget DURATION}: how long one analyzer may spend on one file. */
  static final class FileBudget {
    @Option(
        names = "--file-time-budget",
        paramLabel = "DURATION",
        description =
            "Abandon a file, with a warning naming it and the analyzer, when one analyzer spends"
                + " longer than this on it (e.g. 500ms, 30s, 2m; default: 120s).")
    String budget;

    dev.bulwark.core.analysis.FileTimeBudget value() throws InputException {
      if (budget == null) {
        return dev.bulwark.core.analysis.FileTimeBudget.defaults();
      }
      try {
        return dev.bulwark.core.analysis.FileTimeBudget.parse(budget);
      } catch (IllegalArgumentException e) {
        throw new InputException("--file-time-budget: " + e.getMessage());
      }
    }
  }

  /** {@code --config FILE}: a bulwark.yaml to use instead of the one found above the input. */
  static final class Config {
    @Option(
        names = "--config",
        paramLabel = "FILE",
        description = "Use this bulwark.yaml instead of discovering one above the input.")
    Path config;

    @picocli.CommandLine.Spec(picocli.CommandLine.Spec.Target.MIXEE)
    picocli.CommandLine.Model.CommandSpec command;

    /** The file given with --config, or null. */
    Path file() {
      return config;
    }

    /**
     * The given file, else the nearest bulwark.yaml at or above {@code scanned}; warnings go to the
     * command's standard error.
     */
    BulwarkConfig load(Path scanned) throws InputException {
      return Configs.load(
          config, scanned, w -> command.commandLine().getErr().println("bulwark: warning: " + w));
    }
  }

  /** {@code --data-dir DIR}: where labels, proposals, models and the advisory database live. */
  static final class DataDirectory {
    @Option(
        names = "--data-dir",
        paramLabel = "DIR",
        description = "Bulwark's data directory (default: $BULWARK_DATA_DIR or ~/.bulwark).")
    Path dataDir;

    /** The directory given, else the default. */
    Path dir() {
      return DataDir.resolve(dataDir);
    }

    /** The directory given, or null for the default (for APIs that resolve it themselves). */
    Path given() {
      return dataDir;
    }
  }

  /**
   * {@code --upload URL}, {@code --project NAME}, {@code --token-file FILE}: where a command sends
   * what it found on a Bulwark server ({@code bulwark serve}). The token comes from BULWARK_TOKEN
   * or the file, never the command line.
   */
  static final class ServerUpload {
    @Option(
        names = "--upload",
        paramLabel = "URL",
        description =
            "Also send the result to a Bulwark server (bulwark serve); the token comes from"
                + " BULWARK_TOKEN or --token-file.")
    java.net.URI server;

    @Option(
        names = "--project",
        paramLabel = "NAME",
        description = "The project on the server (default: the directory's name).")
    String project;

    @Option(
        names = "--token-file",
        paramLabel = "FILE",
        description = "A file holding the API token for --upload.")
    Path tokenFile;

    boolean requested() {
      return server != null;
    }

    /** The API token, read before any work starts so a missing one fails fast. */
    String token() throws InputException {
      return Upload.token(tokenFile);
    }

    /** The project named with --project, else the directory's name. */
    String projectFor(Path input) {
      if (project != null) {
        return project;
      }
      Path name = input.toAbsolutePath().normalize().getFileName();
      return name == null ? "project" : name.toString();
    }
  }
}
