package dev.bulwark.cli.usecase;

import dev.bulwark.core.errors.InputException;
import dev.bulwark.intel.IntelService;
import dev.bulwark.intel.profile.OrgProfile;
import dev.bulwark.intel.profile.SigmaRule;
import dev.bulwark.intel.profile.SigmaRules;
import dev.bulwark.logs.sigma.Logsources;
import dev.bulwark.logs.sigma.RuleSet;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Tailored threat intelligence: the intel store's import, sync and report, with the Sigma rules
 * Bulwark itself ships handed to the report as rules in force (the intel capability does not read
 * the logs capability; this layer joins them).
 */
public final class ThreatIntelService {
  private final IntelService intel;

  public ThreatIntelService(Path dataDir) {
    this.intel = new IntelService(dataDir);
  }

  public IntelService.Imported importPaths(List<Path> paths, Consumer<String> problems)
      throws InputException {
    return intel.importPaths(paths, problems);
  }

  public List<dev.bulwark.intel.feed.TaxiiClient.CollectionSync> sync(
      java.net.URI url, String collection, String authorization) throws InputException {
    return intel.sync(url, collection, authorization);
  }

  public dev.bulwark.intel.indicator.IndicatorMatcher.Result match(
      List<Path> paths, Consumer<String> problems) throws InputException {
    return intel.match(paths, problems);
  }

  public com.fasterxml.jackson.databind.JsonNode indicators(
      List<Path> reports, String organisation, Instant at, boolean keep) throws InputException {
    return intel.indicators(reports, organisation, at, keep);
  }

  /**
   * The report for a profile; with {@code builtInRules}, the rule pack Bulwark's log hunting runs
   * counts as in force.
   */
  public IntelService.Rendered report(
      OrgProfile profile,
      boolean builtInRules,
      IntelService.Format format,
      Instant at,
      Consumer<String> problems,
      java.util.Optional<dev.bulwark.intel.summary.SummaryWriter> summary)
      throws InputException {
    List<SigmaRule> extra = builtInRules ? builtInPack() : List.of();
    return intel.report(profile, extra, format, at, problems, summary);
  }

  /** Bulwark's own Sigma pack, as the rules in force coverage counts. */
  static List<SigmaRule> builtInPack() {
    List<SigmaRule> out = new ArrayList<>();
    for (dev.bulwark.logs.sigma.SigmaRule r :
        RuleSet.builtIn(Map.of(), Logsources.builtIn()).rules()) {
      var m = r.meta();
      var ls = r.logsource();
      List<String> parts = new ArrayList<>();
      for (String p : new String[] {ls.product(), ls.category(), ls.service()}) {
        if (p != null && !p.isEmpty()) {
          parts.add(p);
        }
      }
      out.add(
          new SigmaRule(
              m.id(),
              m.title(),
              m.author() == null ? "" : m.author(),
              SigmaRules.techniques(m.tags()),
              parts.isEmpty() ? "correlation" : String.join("/", parts),
              Path.of(m.path() == null ? "builtin" : m.path())));
    }
    return out;
  }
}
