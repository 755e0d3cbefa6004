package dev.bulwark.cli;

import dev.bulwark.core.errors.InputException;
import dev.bulwark.store.Store;
import dev.bulwark.store.StoreException;
import dev.bulwark.store.StoreMaintenance;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bulwark store}: check, back up, restore and recover the team server's store. */
@Command(
    name = "store",
    mixinStandardHelpOptions = true,
    description = "Check, back up, restore or recover the team server's store (H2 by default).",
    subcommands = {
      StoreCommand.Check.class,
      StoreCommand.Backup.class,
      StoreCommand.Restore.class,
      StoreCommand.Recover.class
    })
final class StoreCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  abstract static class Where {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @picocli.CommandLine.Mixin CommonOptions.DataDirectory dataDir;

    java.io.PrintWriter out() {
      return spec.commandLine().getOut();
    }

    @Option(
        names = "--db-url",
        paramLabel = "JDBC-URL",
        description =
            "A PostgreSQL store instead; user and password from BULWARK_DB_USER and"
                + " BULWARK_DB_PASSWORD.")
    String dbUrl;

    Path dir() {
      return dataDir.dir();
    }

    Store open() throws InputException {
      try {
        return dbUrl != null
            ? Store.open(
                dbUrl, System.getenv("BULWARK_DB_USER"), System.getenv("BULWARK_DB_PASSWORD"))
            : Store.openDefault(dir());
      } catch (StoreException e) {
        throw new InputException(e.getMessage(), e);
      }
    }

    void print(StoreMaintenance.Check c) {
      for (Map.Entry<String, Long> e : c.rows().entrySet()) {
        out().printf("  %-15s %,d rows%n", e.getKey(), e.getValue());
      }
      for (String p : c.problems()) {
        out().println("  problem: " + p);
      }
    }
  }

  @Command(
      name = "check",
      mixinStandardHelpOptions = true,
      description = {
        "Check that the store opens and is consistent.",
        "The findings' indexes must agree with the table and every scan must be whole.",
        "Exit 0 when it is sound, 1 when something is wrong."
      })
  static final class Check extends Where implements Callable<Integer> {
    @Override
    public Integer call() throws InputException {
      StoreMaintenance.Check c;
      if (dbUrl != null) {
        try (Store s = open()) {
          c = StoreMaintenance.check(s);
        }
      } else {
        c = StoreMaintenance.checkDefault(dir());
      }
      out().println(c.ok() ? "store: sound" : "store: PROBLEMS FOUND");
      print(c);
      return c.ok() ? ExitCodes.OK : 1;
    }
  }

  @Command(
      name = "backup",
      mixinStandardHelpOptions = true,
      description = {
        "Write a consistent copy of the H2 store to a new zip file.",
        "The server may keep running. (Back PostgreSQL up with pg_dump.)"
      })
  static final class Backup extends Where implements Callable<Integer> {
    @Parameters(paramLabel = "ZIP", description = "The backup file to create (never overwritten).")
    Path target;

    @Override
    public Integer call() throws InputException {
      try (Store s = open()) {
        Path out = StoreMaintenance.backup(s, target);
        out().println("store: backed up to " + out);
      } catch (StoreException e) {
        throw new InputException(e.getMessage(), e);
      }
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "restore",
      mixinStandardHelpOptions = true,
      description = {
        "Replace the data directory's H2 store with a backup.",
        "Stop the server first. The current file is kept beside it."
      })
  static final class Restore extends Where implements Callable<Integer> {
    @Parameters(paramLabel = "ZIP", description = "A backup written by `bulwark store backup`.")
    Path backup;

    @Override
    public Integer call() throws InputException {
      try {
        Path kept = StoreMaintenance.restore(dir(), backup);
        out()
            .println(
                "store: restored from "
                    + backup
                    + (kept == null ? "" : "; the store it replaced is kept at " + kept));
      } catch (StoreException e) {
        throw new InputException(e.getMessage(), e);
      }
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "recover",
      mixinStandardHelpOptions = true,
      description = {
        "Rebuild a damaged H2 store from every row that can still be read.",
        "For a store that does not open or fails its check; stop the server first. The damaged",
        "file is kept under store/damaged-TIME/."
      })
  static final class Recover extends Where implements Callable<Integer> {
    @Override
    public Integer call() throws InputException {
      StoreMaintenance.Recovery r;
      try {
        r = StoreMaintenance.recover(dir());
      } catch (StoreException e) {
        throw new InputException(e.getMessage(), e);
      }
      if (r.damagedCopy() == null) {
        out().println("store: sound; nothing to recover");
        print(r.after());
        return ExitCodes.OK;
      }
      out().println("store: the damaged file is kept in " + r.damagedCopy());
      for (String u : r.unreadable()) {
        out().println("  could not read: " + u);
      }
      out().println(r.after().ok() ? "store: recovered" : "store: recovered with problems");
      print(r.after());
      return r.after().ok() ? ExitCodes.OK : 1;
    }
  }
}
