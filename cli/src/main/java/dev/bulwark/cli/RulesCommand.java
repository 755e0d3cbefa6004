package dev.bulwark.cli;

import dev.bulwark.core.analysis.Analyzer;
import dev.bulwark.core.model.RuleDescriptor;
import dev.bulwark.core.model.TaxonomyRef;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bulwark rules}: lists analyzers and the rules they report. */
@Command(
    name = "rules",
    mixinStandardHelpOptions = true,
    description = "List analyzers and their rules.")
final class RulesCommand implements Callable<Integer> {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--analyzer", paramLabel = "ID", description = "Only this analyzer's rules.")
  String analyzer;

  @Override
  public Integer call() {
    for (Analyzer a : BuiltInAnalyzers.all()) {
      if (analyzer != null && !analyzer.equals(a.info().id())) {
        continue;
      }
      spec.commandLine()
          .getOut()
          .println(a.info().id() + " — " + a.info().name() + ": " + a.info().description());
      if (a.info().id().equals("secrets-history")) {
        spec.commandLine()
            .getOut()
            .println("  (runs the secrets rules over every commit; enable with --history)");
        continue;
      }
      for (RuleDescriptor r : a.rules()) {
        spec.commandLine()
            .getOut()
            .printf(
                Locale.ROOT,
                "  %-40s %-8s %-14s %s%n",
                r.id(),
                r.defaultSeverity().label(),
                r.taxa().stream()
                    .map(TaxonomyRef::display)
                    .filter(s -> s.startsWith("CWE"))
                    .collect(Collectors.joining(",")),
                r.name());
      }
    }
    return ExitCodes.OK;
  }
}
