package dev.bulwark.server;

import dev.bulwark.logs.sigma.Logsources;
import dev.bulwark.logs.sigma.RuleSet;
import dev.bulwark.logs.sigma.SigmaRule;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * How many Sigma rules in force look for each ATT&CK technique, per tactic, from the rules' tags
 * ({@code attack.credential-access}, {@code attack.t1003.001}). Bulwark's own pack always counts; a
 * team adds its rule directories with {@code bulwark serve --sigma-rules}. Loaded once.
 */
final class RuleCoverage {
  private final List<Path> extra;
  private final PrintStream log;
  private volatile Map<String, Map<String, Integer>> coverage;

  RuleCoverage(List<Path> extra, PrintStream log) {
    this.extra = extra;
    this.log = log;
  }

  /** tactic → technique → rules. */
  Map<String, Map<String, Integer>> byTactic() {
    Map<String, Map<String, Integer>> c = coverage;
    if (c == null) {
      synchronized (this) {
        if (coverage == null) {
          coverage = load();
        }
        c = coverage;
      }
    }
    return c;
  }

  private Map<String, Map<String, Integer>> load() {
    List<SigmaRule> rules = new ArrayList<>();
    rules.addAll(RuleSet.builtIn(Map.of(), Logsources.builtIn()).rules());
    if (!extra.isEmpty()) {
      try {
        rules.addAll(RuleSet.load(extra, Map.of(), Logsources.builtIn()).rules());
      } catch (IOException e) {
        log.println("bulwark serve: Sigma rules for the dashboard: " + e.getMessage());
      }
    }
    Map<String, Map<String, Integer>> out = new TreeMap<>();
    for (SigmaRule r : rules) {
      List<String> tactics = new ArrayList<>();
      List<String> techniques = new ArrayList<>();
      for (String tag : r.meta().tags()) {
        String t = tag.toLowerCase(Locale.ROOT);
        if (!t.startsWith("attack.")) {
          continue;
        }
        String v = t.substring(7);
        if (v.matches("t\\d{4}(\\.\\d{3})?")) {
          techniques.add(v.toUpperCase(Locale.ROOT));
        } else if (!v.matches("[gs]\\d{4}")) {
          tactics.add(v.replace('_', '-'));
        }
      }
      for (String tactic : tactics) {
        for (String technique : techniques) {
          out.computeIfAbsent(tactic, k -> new TreeMap<>()).merge(technique, 1, Integer::sum);
        }
      }
    }
    return out;
  }
}
