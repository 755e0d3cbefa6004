package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The top-level help printed without picocli is exactly what picocli prints, plain and coloured.
 */
class TopLevelHelpTest {

  private static String picocli(CommandLine cl, boolean ansi) {
    cl.setColorScheme(
        CommandLine.Help.defaultColorScheme(
            ansi ? CommandLine.Help.Ansi.ON : CommandLine.Help.Ansi.OFF));
    return cl.getUsageMessage();
  }

  @Test
  void builtInList_equalsPicocli_plainAndInColour() {
    assertThat(TopLevelHelp.render(false))
        .isEqualTo(picocli(BulwarkCommand.commandLine("--help"), false));
    assertThat(TopLevelHelp.render(true))
        .isEqualTo(picocli(BulwarkCommand.commandLine("--help"), true));
  }

  @Test
  void helpCommandSummary_isPicocliOwn() {
    CommandLine help = BulwarkCommand.commandLine("--help").getSubcommands().get("help");
    // picocli lists a command's header where it has one, and the help command has
    assertThat(help.getCommandSpec().usageMessage().header()[0])
        .isEqualTo(BulwarkCommand.HELP_SUMMARY);
  }

  /** Other names and summaries of every length wrap where picocli wraps them. */
  @Test
  void anyList_wrapsLikePicocli() {
    Random random = new Random(7);
    String[] words = {"a", "to", "the", "rules", "findings", "incidents", "configuration", "x;"};
    for (int round = 0; round < 200; round++) {
      List<String[]> rows = new ArrayList<>();
      CommandLine cl = new CommandLine(new BulwarkCommand());
      int n = 1 + random.nextInt(5);
      for (int i = 0; i < n; i++) {
        String name = "c" + "x".repeat(random.nextInt(12)) + i;
        StringBuilder summary = new StringBuilder("Word");
        int length = random.nextInt(150);
        while (summary.length() < length) {
          summary.append(' ').append(words[random.nextInt(words.length)]);
        }
        summary.append('.');
        rows.add(new String[] {name, summary.toString()});
        CommandLine.Model.CommandSpec spec = CommandLine.Model.CommandSpec.create().name(name);
        spec.usageMessage().description(summary.toString());
        cl.addSubcommand(name, spec);
      }
      cl.addSubcommand("help", new CommandLine.HelpCommand());
      rows.add(new String[] {"help", BulwarkCommand.HELP_SUMMARY});
      assertThat(TopLevelHelp.render(rows, false))
          .as("round %d", round)
          .isEqualTo(picocli(cl, false));
    }
  }

  @Test
  void asks_onlyForTheTopLevelHelpAlone() {
    assertThat(TopLevelHelp.asks()).isTrue();
    assertThat(TopLevelHelp.asks("--help")).isTrue();
    assertThat(TopLevelHelp.asks("-h")).isTrue();
    assertThat(TopLevelHelp.asks("help")).isTrue();
    assertThat(TopLevelHelp.asks("help", "scan")).isFalse();
    assertThat(TopLevelHelp.asks("scan", "--help")).isFalse();
    assertThat(TopLevelHelp.asks("--help", "--version")).isFalse();
  }
}
