package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Help text: every command summarised in one whole sentence, subcommands built only when named. */
class HelpTest {

  private static void collect(CommandLine cl, List<CommandLine> out) {
    out.add(cl);
    for (Map.Entry<String, CommandLine> e : cl.getSubcommands().entrySet()) {
      if (!e.getKey().equals("help")) {
        collect(e.getValue(), out);
      }
    }
  }

  @Test
  void everyCommand_opensWithOneWholeSentence() {
    List<CommandLine> all = new ArrayList<>();
    collect(BulwarkCommand.fullCommandLine(), all);
    assertThat(all).hasSizeGreaterThan(40);
    List<String> bad = new ArrayList<>();
    for (CommandLine cl : all) {
      String[] d = cl.getCommandSpec().usageMessage().description();
      String first = d.length == 0 ? "" : d[0].strip();
      // the summary --help lists is this first line alone, so it must stand on its own
      if (first.isEmpty()
          || !first.endsWith(".")
          || first.chars().filter(c -> c == '(').count()
              != first.chars().filter(c -> c == ')').count()) {
        bad.add(cl.getCommandSpec().qualifiedName() + ": '" + first + "'");
      }
    }
    assertThat(bad).as("first description lines that are not one whole sentence").isEmpty();
  }

  @Test
  void theListedSummaries_areTheCommandsOwnFirstLines() {
    CommandLine full = BulwarkCommand.fullCommandLine();
    for (BulwarkCommand.Entry e : BulwarkCommand.COMMANDS) {
      CommandLine real = full.getSubcommands().get(e.name());
      assertThat(real).as(e.name()).isNotNull();
      assertThat(real.getCommandSpec().usageMessage().description()[0])
          .as("summary of %s", e.name())
          .isEqualTo(e.summary());
    }
  }

  @Test
  void topLevelHelp_listsEveryCommandWithoutBuildingThem() {
    CommandLine lazy = BulwarkCommand.commandLine("--help");
    assertThat(lazy.getSubcommands().get("scan").getCommandSpec().userObject()).isNull();
    Cli.Result r = Cli.run("--help");
    assertThat(r.exit()).isZero();
    // picocli wraps long summaries; compare with the line breaks and indentation folded
    String listed = r.out().replaceAll("\\s+", " ");
    for (BulwarkCommand.Entry e : BulwarkCommand.COMMANDS) {
      assertThat(listed).contains(e.name() + " " + e.summary());
    }
  }

  @Test
  void aNamedCommand_isBuiltForReal_alsoThroughHelp() {
    assertThat(
            BulwarkCommand.commandLine("scan", "--help")
                .getSubcommands()
                .get("scan")
                .getCommandSpec()
                .userObject())
        .isInstanceOf(ScanCommand.class);
    Cli.Result r = Cli.run("help", "deps");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("inventory").contains("plan");
    Cli.Result sub = Cli.run("deps", "inventory", "--help");
    assertThat(sub.exit()).isZero();
    assertThat(sub.out()).contains("--resolve");
  }

  @Test
  void aMistypedCommand_getsASuggestion() {
    Cli.Result r = Cli.run("scna", ".");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("scan");
  }
}
