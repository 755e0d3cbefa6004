package dev.bulwark.cli;

import dev.bulwark.core.errors.InputException;
import dev.bulwark.core.files.FileKind;
import dev.bulwark.core.report.ToolInfo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The top-level command; capabilities are subcommands.
 *
 * <p>Subcommands are built lazily: picocli reads a command's annotations (and loads every type its
 * options mention — Jackson, the MCP SDK, JDBC …) when the command is added, so only the command a
 * command line names is added for real. The others are listed by name and summary from {@link
 * #COMMANDS}, which keeps {@code bulwark --version} and {@code --help} to a few hundred classes.
 */
@Command(
    name = BulwarkCommand.NAME,
    mixinStandardHelpOptions = true,
    versionProvider = BulwarkCommand.Version.class,
    description = BulwarkCommand.DESCRIPTION,
    footer = {"", BulwarkCommand.FOOTER_1, BulwarkCommand.FOOTER_2})
public final class BulwarkCommand implements Runnable {
  // the annotation's texts are constants so that TopLevelHelp prints them without picocli
  static final String NAME = "bulwark";
  static final String DESCRIPTION = "An AI-assisted toolkit for cyber defenders.";
  static final String FOOTER_1 =
      "Exit status: 0 clean, 1 findings at or above --fail-on, 2 usage or input error,";
  static final String FOOTER_2 = "3 internal error.";
  static final List<String> FOOTER = List.of("", FOOTER_1, FOOTER_2);

  /** The summary picocli's built-in {@code help} command gives itself. */
  static final String HELP_SUMMARY = "Display help information about the specified command.";

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** A subcommand: its name, the one-sentence summary {@code --help} lists, and its class. */
  record Entry(String name, String summary, Class<?> type) {}

  /**
   * Every subcommand in the order {@code --help} lists them. The summary must equal the first line
   * of the command's own description (a test checks it).
   */
  static final List<Entry> COMMANDS =
      List.of(
          new Entry(
              "scan",
              "Scan files and directories with every analyzer that applies.",
              ScanCommand.class),
          new Entry("fix", "Propose and verify patches for code findings.", FixCommand.class),
          new Entry(
              "code",
              "Java analysis tools: specifications inferred for a project's own and its dependencies' methods.",
              CodeCommand.class),
          new Entry(
              "deps", "Dependency inventory (CycloneDX) and patch planning.", DepsCommand.class),
          new Entry(
              "db",
              "Manage the local advisory database that dependency checks read.",
              DbCommand.class),
          new Entry(
              "logs",
              "Triage incidents from logs: EVTX, JSON lines, syslog, CSV; Sigma rules.",
              LogsCommand.class),
          new Entry(
              "mail", "Social-engineering defence: judge suspicious mail.", MailCommand.class),
          new Entry(
              "yara",
              "Malware signatures: YARA rules over files, folders and archives.",
              YaraCommand.class),
          new Entry(
              "threatmodel",
              "Threat models as code: risks from rules, diagrams, evidence from scans.",
              ThreatModelCommand.class),
          new Entry(
              "net",
              "Network forensics: captures into Zeek-compatible logs and network detections.",
              NetCommand.class),
          new Entry(
              "attest",
              "Confidential computing: verify GPU attestation evidence offline.",
              AttestCommand.class),
          new Entry(
              "checkup",
              "Personal security check-up: passwords, breaches, device posture and accounts, with the next most useful step.",
              CheckupCommand.class),
          new Entry("label", "Record a verdict on findings.", LabelCommand.class),
          new Entry("dataset", "Training data from defenders' labels.", DatasetCommand.class),
          new Entry(
              "triage",
              "Learned triage: order findings by the chance your team calls them true positives.",
              TriageCommand.class),
          new Entry(
              "proposals",
              "Model proposals and how verification judged them.",
              ProposalsCommand.class),
          new Entry(
              "serve",
              "Run the team server: the HTTP API and the web console.",
              ServeCommand.class),
          new Entry(
              "stream",
              "Hunt logs as a stream: Kafka in, Flink, detections into the team store.",
              StreamCommand.class),
          new Entry(
              "store",
              "Check, back up, restore or recover the team server's store (H2 by default).",
              StoreCommand.class),
          new Entry(
              "mcp",
              "Serve Bulwark's tools to AI agents over the Model Context Protocol.",
              McpCommand.class),
          new Entry(
              "ask",
              "Ask the configured LLM to investigate with Bulwark's tools.",
              AskCommand.class),
          new Entry(
              "compliance",
              "Assess NIST SP 800-53 controls from Bulwark's results, as OSCAL.",
              ComplianceCommand.class),
          new Entry(
              "intel",
              "Rank the threat actors likely to target the organisation and show which of their techniques its detections miss.",
              IntelCommand.class),
          new Entry(
              "honeypot",
              "Run SSH, Telnet and HTTP honeypots that record attackers in Cowrie's event format.",
              HoneypotCommand.class),
          new Entry(
              "canary",
              "Make canary tokens: decoy keys, URLs, documents and names that call home.",
              CanaryCommand.class),
          new Entry(
              "port",
              "Port code to memory-safe languages, accepting only what the gates verify.",
              PortCommand.class),
          new Entry("rules", "List analyzers and their rules.", RulesCommand.class),
          new Entry(
              "eval", "Measure Bulwark's capabilities on labeled corpora.", EvalCommand.class));

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The command line with every subcommand built for real (tests and documentation). */
  static CommandLine fullCommandLine() {
    return configure(withSubcommands(e -> true));
  }

  /** The command line for these arguments: only the subcommand they name is built. */
  static CommandLine commandLine(String... args) {
    String named = subcommandNamed(args);
    return configure(withSubcommands(e -> e.name().equals(named)));
  }

  /** The first argument that is not an option, and after {@code help} the command it asks for. */
  private static String subcommandNamed(String... args) {
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.startsWith("-")) {
        continue;
      }
      if (a.equals("help") && i + 1 < args.length) {
        return args[i + 1];
      }
      return a;
    }
    return null;
  }

  private static CommandLine withSubcommands(java.util.function.Predicate<Entry> real) {
    CommandLine cl = new CommandLine(new BulwarkCommand());
    for (Entry e : COMMANDS) {
      if (real.test(e)) {
        cl.addSubcommand(e.name(), new CommandLine(e.type()));
      } else {
        CommandLine.Model.CommandSpec placeholder =
            CommandLine.Model.CommandSpec.create().name(e.name());
        placeholder.usageMessage().description(e.summary());
        cl.addSubcommand(e.name(), placeholder);
      }
    }
    cl.addSubcommand("help", new CommandLine.HelpCommand());
    return cl;
  }

  /** Handlers and settings go on after the subcommands, since picocli copies them down then. */
  private static CommandLine configure(CommandLine cl) {
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
