package dev.bulwark.cli.usecase;

import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.core.errors.DiagnosticSink;
import dev.bulwark.core.files.SourceTree;
import dev.bulwark.core.files.WalkOptions;
import dev.bulwark.core.reach.CodeReferences;
import dev.bulwark.deps.db.Databases;
import dev.bulwark.deps.inventory.Inventory;
import dev.bulwark.deps.match.Matcher;
import dev.bulwark.deps.match.VulnMatch;
import dev.bulwark.deps.model.Component;
import dev.bulwark.deps.plan.PatchPlan;
import dev.bulwark.deps.plan.PlanSettings;
import dev.bulwark.deps.reach.Reachability;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Plan: a project's inventory matched against the advisory database, each match judged for
 * reachability, and the upgrades scheduled into the team's maintenance windows. Reads only.
 */
public final class PlanService {

  /** A patch plan and what it rests on. */
  public record Planned(
      PatchPlan.Plan plan,
      List<VulnMatch> matches,
      Map<VulnMatch, Reachability.Verdict> verdicts,
      boolean seed) {}

  /**
   * Plans for the project at {@code path} with the {@code deps:} settings of {@code config} and the
   * advisory database in {@code dataDir}.
   */
  public Planned plan(Path path, BulwarkConfig config, Path dataDir, DiagnosticSink diagnostics)
      throws Exception {
    ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
    PlanSettings settings = PlanSettings.from(config.section("deps"), now);
    SourceTree tree = SourceTree.walk(List.of(path), WalkOptions.defaults(), diagnostics);
    List<Component> cs = Inventory.standard().read(tree, diagnostics);
    Databases.Opened db = Databases.forAnalysis(dataDir, diagnostics);
    List<VulnMatch> matches;
    try {
      matches = new Matcher(db.db()).match(cs);
    } finally {
      Databases.close(db);
    }
    Optional<CodeReferences> refs = Optional.empty();
    Optional<CodeReferences.Indexer> indexer = CodeReferences.indexer();
    if (indexer.isPresent()) {
      refs = Optional.of(indexer.get().index(tree));
    }
    Reachability reach = new Reachability(refs);
    Map<VulnMatch, Reachability.Verdict> verdicts = new IdentityHashMap<>();
    for (VulnMatch m : matches) {
      verdicts.put(m, reach.of(m));
    }
    return new Planned(
        PatchPlan.make(matches, verdicts, settings, now), matches, verdicts, db.seed());
  }
}
