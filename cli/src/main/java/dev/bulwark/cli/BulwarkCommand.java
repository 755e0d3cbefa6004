package dev.bulwark.cli;

import dev.bulwark.core.errors.InputException;
import dev.bulwark.core.files.FileKind;
import dev.bulwark.core.report.ToolInfo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level command; capabilities are subcommands. */
@Command(
    name = "bulwark",
    mixinStandardHelpOptions = true,
    versionProvider = BulwarkCommand.Version.class,
    description = "An AI-assisted toolkit for cyber defenders.",
    subcommands = {
      ScanCommand.class,
      FixCommand.class,
      DepsCommand.class,
      DbCommand.class,
      LogsCommand.class,
      MailCommand.class,
      LabelCommand.class,
      DatasetCommand.class,
      TriageCommand.class,
      ProposalsCommand.class,
      ServeCommand.class,
      StoreCommand.class,
      McpCommand.class,
      AskCommand.class,
      RulesCommand.class,
      EvalCommand.class,
      BenchCommand.class,
      CommandLine.HelpCommand.class
    },
    footer = {
      "",
      "Exit status: 0 clean, 1 findings at or above --fail-on, 2 usage or input error,",
      "3 internal error."
    })
public final class BulwarkCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new BulwarkCommand());
    cl.setExecutionExceptionHandler(new ExitCodes());
    cl.setParameterExceptionHandler((ex, args) -> {
      CommandLine c = ex.getCommandLine();
      c.getErr().println("bulwark: " + ex.getMessage());
      if (!CommandLine.UnmatchedArgumentException.printSuggestions(ex, c.getErr())) {
        c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help'.");
      }
      return ExitCodes.USAGE;
    });
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setExecutionStrategy(parseResult -> {
      refuseSpecialFiles(parseResult);
      return new CommandLine.RunLast().execute(parseResult);
    });
    return cl;
  }

  /**
   * Every path on the command line, of every command, is refused when it is itself a FIFO, device
   * or socket: opening one blocks or never ends. (A symbolic link to one is for the reader to skip
   * with a diagnostic.)
   */
  private static void refuseSpecialFiles(CommandLine.ParseResult parseResult) {
    for (CommandLine.ParseResult pr = parseResult; pr != null; pr = pr.subcommand()) {
      List<CommandLine.Model.ArgSpec> args = new ArrayList<>(pr.matchedOptions());
      args.addAll(pr.matchedPositionals());
      for (CommandLine.Model.ArgSpec a : args) {
        Object value = a.getValue();
        List<?> values =
            value instanceof List<?> l ? l : java.util.Collections.singletonList(value);
        for (Object v : values) {
          if (v instanceof Path p && FileKind.of(p).special()) {
            String message =
                p
                    + ": is "
                    + FileKind.of(p).description()
                    + "; Bulwark reads and writes only regular files and directories";
            throw new CommandLine.ExecutionException(
                pr.commandSpec().commandLine(), message, new InputException(message));
          }
        }
      }
    }
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      ToolInfo t = ToolInfo.current();
      return new String[] {
        t.name() + " " + t.version(),
        "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"
      };
    }
  }
}
