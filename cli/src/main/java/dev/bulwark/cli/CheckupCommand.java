package dev.bulwark.cli;

import dev.bulwark.cli.usecase.CheckupService;
import dev.bulwark.core.errors.InputException;
import dev.bulwark.hygiene.CheckupRun;
import dev.bulwark.hygiene.CheckupText;
import dev.bulwark.hygiene.TeamReport;
import dev.bulwark.hygiene.check.Platform;
import dev.bulwark.hygiene.check.Profile;
import dev.bulwark.hygiene.passwords.Account;
import dev.bulwark.hygiene.passwords.AccountVerdict;
import dev.bulwark.hygiene.passwords.ExportFormat;
import dev.bulwark.hygiene.passwords.PasswordAudit;
import dev.bulwark.hygiene.web.CheckupPage;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bulwark checkup}: a personal security check-up that picks the next most useful step. */
@Command(
    name = "checkup",
    mixinStandardHelpOptions = true,
    description = {
      "Personal security check-up: passwords, breaches, device posture and accounts, with the next most useful step.",
      "Reads only: it never changes the system. Results, progress and answers stay in the data",
      "directory; passwords are never written anywhere."
    },
    subcommands = {
      CheckupCommand.Next.class,
      CheckupCommand.Passwords.class,
      CheckupCommand.Answer.class,
      CheckupCommand.Questions.class,
      CheckupCommand.BreachDb.class
    })
final class CheckupCommand implements Callable<Integer> {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  /** --profile, --root and --data-dir, shared by the check-up and `checkup next`. */
  static final class Scope {
    @Option(
        names = "--profile",
        paramLabel = "PROFILE",
        description = "home, developer or admin (default: home).")
    String profile = "home";

    @Option(
        names = "--root",
        paramLabel = "DIR",
        description = "The root of the file system to check (default: /).")
    Path root = Path.of("/");

    @Option(
        names = "--windows",
        paramLabel = "DIR",
        description =
            "Check a Windows PC from the files its PowerShell commands wrote (see docs/checkup.md).")
    Path windows;

    @Option(
        names = "--macos",
        paramLabel = "DIR",
        description = "Check a Mac from its commands' output saved to files (see docs/checkup.md).")
    Path macos;

    @picocli.CommandLine.Mixin CommonOptions.DataDirectory dataDir;

    Platform platform() throws InputException {
      if (windows != null && macos != null) {
        throw new InputException("give --windows or --macos, not both");
      }
      return windows != null ? Platform.WINDOWS : macos != null ? Platform.MACOS : Platform.LINUX;
    }

    /** What to read: the collected folder for Windows and macOS, else the root. */
    Path source() {
      return windows != null ? windows : macos != null ? macos : root;
    }

    CheckupRun run(CheckupService service, boolean remember) throws InputException {
      return service.run(platform(), source(), profile(), remember);
    }

    Profile profile() throws InputException {
      try {
        return Profile.of(profile);
      } catch (IllegalArgumentException e) {
        throw new InputException(e.getMessage());
      }
    }
  }

  @picocli.CommandLine.Mixin Scope scope;

  @Option(names = "--web", description = "Show the check-up as a local web page (127.0.0.1).")
  boolean web;

  @Option(
      names = "--port",
      paramLabel = "PORT",
      description = "Port for --web (default: a free one).")
  int port;

  @picocli.CommandLine.Mixin CommonOptions.ServerUpload upload;

  @Option(
      names = "--member",
      paramLabel = "NAME",
      description = "Your name on the team server for --upload (default: this host's name).")
  String member;

  @Override
  public Integer call() throws Exception {
    String token = upload.requested() ? upload.token() : null;
    CheckupService service = new CheckupService(scope.dataDir.dir());
    CheckupRun run = scope.run(service, true);
    PrintWriter out = spec.commandLine().getOut();
    CheckupText.write(run, out);
    if (upload.requested()) {
      // check results only: one status per check id — no evidence, so no path, setting, count,
      // secret or file content of this machine is sent (the server refuses anything more)
      TeamReport team;
      try {
        team =
            TeamReport.of(run, member != null ? member : InetAddress.getLocalHost().getHostName());
      } catch (IllegalArgumentException e) {
        throw new InputException("--member: " + e.getMessage());
      }
      String project = upload.project != null ? upload.project : "checkup";
      var answer = Upload.sendCheckup(upload.server, project, token, team.toJson());
      spec.commandLine()
          .getErr()
          .printf(
              "uploaded the check results of %s to %s (project %s): %d checks, %d to do%n",
              team.member(),
              upload.server,
              project,
              answer.path("checks").asInt(),
              answer.path("toDo").asInt());
    }
    if (web) {
      try (CheckupPage page = CheckupPage.start(port, run, () -> scope.run(service, true))) {
        out.println();
        out.println("Open " + page.address() + " in your browser (Ctrl-C to stop).");
        out.flush();
        new CountDownLatch(1).await();
      }
    }
    return ExitCodes.OK;
  }

  @Command(
      name = "next",
      mixinStandardHelpOptions = true,
      description = {
        "Show only the next most useful step.",
        "The step that removes the most risk per minute."
      })
  static final class Next implements Callable<Integer> {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;
    @picocli.CommandLine.Mixin Scope scope;

    @Override
    public Integer call() throws Exception {
      CheckupService service = new CheckupService(scope.dataDir.dir());
      CheckupRun run = scope.run(service, false);
      PrintWriter out = spec.commandLine().getOut();
      run.next()
          .ifPresentOrElse(
              n -> CheckupText.writeNext(n, run.platform(), out),
              () -> out.println("Nothing left to do."));
      out.flush();
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "passwords",
      mixinStandardHelpOptions = true,
      description = {
        "Audit passwords for weak, reused, breached and old ones.",
        "Reads a password manager export (--export), or sites and passwords typed at a hidden",
        "prompt (--prompt).",
        "Breached passwords are looked up by SHA-1 k-anonymity: in the imported range file",
        "(checkup breach-db import), or online only with --online-breach-check, which sends",
        "the first five hex digits of each hash and nothing else. Passwords are never written,",
        "never logged, and wiped from memory after use. Delete the export when done."
      })
  static final class Passwords implements Callable<Integer> {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--export", paramLabel = "FILE", description = "The export file.")
    Path export;

    @Option(
        names = "--prompt",
        description = "Type sites and passwords at the terminal instead (passwords are not shown).")
    boolean prompt;

    @Option(
        names = "--format",
        paramLabel = "FORMAT",
        description =
            "bitwarden-json, bitwarden-csv, keepass-xml, 1password-csv or browser-csv (default: guessed).")
    String format;

    @Option(
        names = "--online-breach-check",
        description = "Ask the Pwned Passwords range API (only hash prefixes are sent).")
    boolean online;

    @Option(
        names = "--breach-api",
        paramLabel = "URL",
        description = "Another server speaking the range API (with --online-breach-check).")
    java.net.URI api;

    @picocli.CommandLine.Mixin CommonOptions.DataDirectory dataDir;

    @Override
    public Integer call() throws Exception {
      Optional<ExportFormat> f;
      try {
        f = Optional.ofNullable(format).map(ExportFormat::of);
      } catch (IllegalArgumentException e) {
        throw new InputException(e.getMessage());
      }
      if ((export == null) == !prompt) {
        throw new InputException("give --export FILE or --prompt (one of them)");
      }
      CheckupService service = new CheckupService(dataDir.dir());
      Optional<java.net.URI> breachApi =
          online
              ? Optional.of(api != null ? api : CheckupService.PWNED_PASSWORDS)
              : Optional.empty();
      PasswordAudit.Result r;
      if (prompt) {
        List<Account> typed = PasswordPrompt.ask(PasswordPrompt.console());
        if (typed.isEmpty()) {
          throw new InputException("no password typed: nothing to check");
        }
        r = service.passwords(typed, breachApi);
      } else {
        r = service.passwords(export, f, breachApi);
      }
      PrintWriter out = spec.commandLine().getOut();
      out.printf(
          "%d accounts: %d weak, %d reused, %s, %d old%n",
          r.accounts().size(),
          r.weak(),
          r.reused(),
          r.breachChecked() ? r.breached() + " breached" : "breaches not checked",
          r.old());
      out.println("Breach check: " + r.breachSource());
      for (AccountVerdict v : r.accounts()) {
        StringBuilder why = new StringBuilder();
        if (v.breached()) {
          why.append(" breached (seen ").append(v.breachCount().orElse(0)).append(" times);");
        }
        if (v.reused()) {
          why.append(" reused on ").append(v.sharedWith()).append(" other sites;");
        }
        if (v.weak()) {
          why.append(" weak (strength ").append(v.score()).append("/4);");
        }
        if (v.old()) {
          why.append(" unchanged for ").append(v.ageDays().orElse(0L) / 365).append(" years;");
        }
        if (!why.isEmpty()) {
          out.println("  " + v.label() + ":" + why.substring(0, why.length() - 1));
        }
      }
      out.println("Run 'bulwark checkup next' for the step to take first.");
      out.flush();
      return r.weak() + r.reused() + r.breached() > 0 ? ExitCodes.FINDINGS : ExitCodes.OK;
    }
  }

  @Command(
      name = "answer",
      mixinStandardHelpOptions = true,
      description = {
        "Answer a question of the check-up (yes or no).",
        "Answers stay in the data directory."
      })
  static final class Answer implements Callable<Integer> {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CHECK")
    String check;

    @Parameters(index = "1", paramLabel = "yes|no")
    String answer;

    @picocli.CommandLine.Mixin CommonOptions.DataDirectory dataDir;

    @Override
    public Integer call() throws Exception {
      if (!answer.equals("yes") && !answer.equals("no")) {
        throw new InputException("answer yes or no, got '" + answer + "'");
      }
      new CheckupService(dataDir.dir()).answer(check, answer.equals("yes"));
      spec.commandLine().getOut().println("Recorded: " + check + " = " + answer);
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "questions",
      mixinStandardHelpOptions = true,
      description = {
        "Answer the check-up's questions about your accounts one by one at the terminal.",
        "Two-step sign-in on mail, bank and password manager, recovery codes: yes, no, or Enter",
        "to skip. Answers stay in the data directory."
      })
  static final class Questions implements Callable<Integer> {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;
    @picocli.CommandLine.Mixin CommonOptions.DataDirectory dataDir;

    @Override
    public Integer call() throws Exception {
      CheckupService service = new CheckupService(dataDir.dir());
      PrintWriter out = spec.commandLine().getOut();
      int n = ask(PasswordPrompt.console(), service, out);
      out.println(
          "Recorded " + n + " answers. Run 'bulwark checkup next' for the step to take first.");
      out.flush();
      return ExitCodes.OK;
    }

    /** Asks every question, each with why it matters; returns how many were answered. */
    static int ask(PasswordPrompt.Terminal t, CheckupService service, PrintWriter out)
        throws InputException {
      var earlier = service.store().answers();
      int answered = 0;
      for (var c : service.catalog().all()) {
        if (c.kind() != dev.bulwark.hygiene.check.Check.Kind.QUESTION) {
          continue;
        }
        out.println();
        out.println(c.title());
        out.println("  " + c.why());
        if (earlier.containsKey(c.id())) {
          out.println("  (you answered " + (earlier.get(c.id()) ? "yes" : "no") + " before)");
        }
        out.flush();
        for (int tries = 0; tries < 3; tries++) {
          String a = t.line(c.question() + " [yes/no, Enter to skip] ");
          if (a == null) {
            return answered; // end of input
          }
          a = a.strip().toLowerCase(java.util.Locale.ROOT);
          if (a.isEmpty()) {
            break;
          }
          if (a.equals("y") || a.equals("yes") || a.equals("n") || a.equals("no")) {
            service.answer(c.id(), a.startsWith("y"));
            answered++;
            break;
          }
          out.println("  Please answer yes or no (or press Enter to skip).");
          out.flush();
        }
      }
      return answered;
    }
  }

  @Command(
      name = "breach-db",
      mixinStandardHelpOptions = true,
      description = "Manage the offline copy of breached password hashes.",
      subcommands = {CheckupCommand.BreachDb.Import.class})
  static final class BreachDb implements Runnable {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
      spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(
        name = "import",
        mixinStandardHelpOptions = true,
        description = {
          "Import a file of SHA1HEX:COUNT lines sorted by hash (Pwned Passwords downloader output).",
          "Later password audits look breaches up in it, offline."
        })
    static final class Import implements Callable<Integer> {
      @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

      @Parameters(index = "0", paramLabel = "FILE")
      Path file;

      @picocli.CommandLine.Mixin CommonOptions.DataDirectory dataDir;

      @Override
      public Integer call() throws Exception {
        long n = new CheckupService(dataDir.dir()).importBreaches(file);
        spec.commandLine()
            .getOut()
            .printf("imported %d breached password hashes at %s%n", n, Instant.now());
        return ExitCodes.OK;
      }
    }
  }
}
