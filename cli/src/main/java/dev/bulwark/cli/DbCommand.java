package dev.bulwark.cli;

import dev.bulwark.core.errors.Diagnostic;
import dev.bulwark.core.errors.InputException;
import dev.bulwark.deps.db.AdvisoryDb;
import dev.bulwark.deps.db.Feeds;
import dev.bulwark.deps.db.Importer;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bulwark db}: the local advisory database (OSV, KEV, EPSS). */
@Command(
    name = "db",
    mixinStandardHelpOptions = true,
    description = "Manage the local advisory database that dependency checks read.",
    subcommands = {DbCommand.Import.class, DbCommand.Update.class, DbCommand.Status.class})
final class DbCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  abstract static class WithDataDir {
    @picocli.CommandLine.Mixin CommonOptions.DataDirectory dataDir;

    Path dir() {
      return dataDir.dir();
    }

    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    /** The diagnostics' count and the text of the first five, on standard error. */
    static void printDiagnostics(java.io.PrintWriter err, List<Diagnostic> ds) {
      err.print(dev.bulwark.core.report.DiagnosticSummary.render(ds));
      err.flush();
    }
  }

  @Command(
      name = "import",
      mixinStandardHelpOptions = true,
      description = {
        "Import local data: directories or zips of OSV advisories (JSON or YAML), the CISA KEV",
        "catalog (JSON or CSV), EPSS scores (CSV, optionally .gz). The kind is recognised from content."
      })
  static final class Import extends WithDataDir implements Callable<Integer> {
    @Parameters(
        paramLabel = "PATH",
        arity = "1..*",
        description = "Files or directories to import.")
    List<Path> paths;

    @Override
    public Integer call() throws Exception {
      List<Diagnostic> ds = new ArrayList<>();
      long t0 = System.nanoTime();
      try (AdvisoryDb db = AdvisoryDb.open(dir())) {
        Importer importer = new Importer(db, ds::add);
        Importer.Counts c = null;
        for (Path p : paths) {
          c = importer.importPath(p);
        }
        spec.commandLine()
            .getOut()
            .printf(
                "imported %d advisories, %d KEV entries, %d EPSS scores (%d skipped) in %.1f s into %s%n",
                c.advisories(),
                c.kev(),
                c.epss(),
                c.skipped(),
                (System.nanoTime() - t0) / 1e9,
                dir());
      }
      printDiagnostics(spec.commandLine().getErr(), ds);
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "update",
      mixinStandardHelpOptions = true,
      description = {
        "Download OSV (per ecosystem), CISA KEV and EPSS from their official locations and rebuild",
        "the database; unchanged feeds are not downloaded again; a failed update changes nothing."
      })
  static final class Update extends WithDataDir implements Callable<Integer> {
    @Option(
        names = "--ecosystem",
        paramLabel = "NAME",
        description = "Only these OSV ecosystems (repeatable; default: all supported).")
    List<String> ecosystems = new ArrayList<>();

    @Option(
        names = "--mirror",
        paramLabel = "URL",
        description =
            "Fetch every feed from this base URL instead (same file layout), e.g. an internal mirror.")
    URI mirror;

    @Override
    public Integer call() throws Exception {
      List<Feeds.Source> sources = new ArrayList<>();
      for (Feeds.Source s : Feeds.official()) {
        if (s.kind() == Feeds.Kind.OSV_ZIP
            && !ecosystems.isEmpty()
            && ecosystems.stream().noneMatch(e -> s.name().equals("OSV " + e))) {
          continue;
        }
        URI uri = s.uri();
        if (mirror != null) {
          uri = mirror.resolve(uri.getPath().substring(1));
        }
        sources.add(new Feeds.Source(s.name(), uri, s.kind()));
      }
      if (sources.stream().noneMatch(s -> s.kind() == Feeds.Kind.OSV_ZIP)) {
        throw new InputException(
            "no OSV ecosystem selected; supported: " + String.join(", ", Feeds.OSV_ECOSYSTEMS));
      }
      List<Diagnostic> ds = new ArrayList<>();
      Feeds.Result r = new Feeds(dir()).update(sources, ds::add);
      r.sources().forEach((k, v) -> spec.commandLine().getOut().println(k + ": " + v));
      spec.commandLine()
          .getOut()
          .printf(
              "database rebuilt: %d advisories, %d KEV entries, %d EPSS scores%n",
              r.counts().advisories(), r.counts().kev(), r.counts().epss());
      printDiagnostics(spec.commandLine().getErr(), ds);
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "status",
      mixinStandardHelpOptions = true,
      description = "Show what the database holds and how fresh it is.")
  static final class Status extends WithDataDir implements Callable<Integer> {
    @Override
    public Integer call() throws Exception {
      if (!AdvisoryDb.exists(dir())) {
        spec.commandLine()
            .getOut()
            .println(
                "no advisory database in "
                    + dir()
                    + " (scans use the small built-in seed); run 'bulwark db import PATH' or 'bulwark db update'");
        return ExitCodes.OK;
      }
      try (AdvisoryDb db = AdvisoryDb.open(dir())) {
        for (Map.Entry<String, String> e : db.status().entrySet()) {
          spec.commandLine().getOut().printf("%-28s %s%n", e.getKey(), e.getValue());
        }
      }
      return ExitCodes.OK;
    }
  }
}
