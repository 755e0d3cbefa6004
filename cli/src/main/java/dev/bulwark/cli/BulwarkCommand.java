package dev.bulwark.cli;

import dev.bulwark.core.report.ToolInfo;
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
    return cl;
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
