package dev.bulwark.cli;

import dev.bulwark.core.terminal.TerminalWriter;
import dev.bulwark.core.verify.Decision;
import dev.bulwark.core.verify.ProposalLog;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "proposals",
    mixinStandardHelpOptions = true,
    description = {
      "Model proposals (patches, answers, narratives) and how verification judged them,",
      "from proposals.jsonl in the data directory: acceptance per kind and source, and the",
      "reasons rejected ones failed."
    })
final class ProposalsCommand extends DbCommand.WithDataDir implements Callable<Integer> {
  @Option(names = "--rejected", description = "List only rejected proposals.")
  boolean rejectedOnly;

  @Option(names = "--kind", paramLabel = "KIND", description = "Only this kind (patch, answer…).")
  String kind;

  @Option(
      names = "--limit",
      paramLabel = "N",
      description = "List at most N (default ${DEFAULT-VALUE}).")
  int limit = 20;

  @Override
  public Integer call() throws Exception {
    List<Decision> all =
        ProposalLog.read(dir().resolve(ProposalLog.FILE)).stream()
            .filter(d -> kind == null || d.kind().equals(kind))
            .toList();
    if (all.isEmpty()) {
      new TerminalWriter(spec.commandLine().getOut())
          .println("no proposals recorded in " + dir().resolve(ProposalLog.FILE));
      return ExitCodes.OK;
    }
    Map<String, int[]> bySource = new TreeMap<>();
    for (Decision d : all) {
      int[] c = bySource.computeIfAbsent(d.kind() + "  " + d.source(), k -> new int[2]);
      c[0] += d.accepted() ? 1 : 0;
      c[1]++;
    }
    bySource.forEach((k, c) ->
        new TerminalWriter(spec.commandLine().getOut())
            .printf(
                Locale.ROOT,
                "%4d of %4d accepted (%5.1f%%)  %s%n",
                c[0],
                c[1],
                100.0 * c[0] / c[1],
                k));
    new TerminalWriter(spec.commandLine().getOut()).println();
    int shown = 0;
    for (Decision d : all.reversed()) {
      if ((rejectedOnly && d.accepted()) || shown >= limit) {
        continue;
      }
      shown++;
      new TerminalWriter(spec.commandLine().getOut())
          .printf(
              Locale.ROOT,
              "%s  %-8s %s %s%n",
              d.at(),
              d.accepted() ? "accepted" : "rejected",
              d.kind(),
              d.subject().length() > 60 ? d.subject().substring(0, 60) + "…" : d.subject());
      if (!d.accepted()) {
        new TerminalWriter(spec.commandLine().getOut())
            .println("    failed \"" + d.failedCheck() + "\": " + d.reason());
      }
    }
    return ExitCodes.OK;
  }
}
