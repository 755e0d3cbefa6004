package dev.bulwark.deps;

import dev.bulwark.core.analysis.AnalysisException;
import dev.bulwark.core.analysis.Analyzer;
import dev.bulwark.core.analysis.AnalyzerInfo;
import dev.bulwark.core.analysis.FindingSink;
import dev.bulwark.core.analysis.Phase;
import dev.bulwark.core.analysis.ScanContext;
import dev.bulwark.core.config.DataDir;
import dev.bulwark.core.errors.Diagnostic;
import dev.bulwark.core.errors.InputException;
import dev.bulwark.core.model.RuleDescriptor;
import dev.bulwark.core.model.Severity;
import dev.bulwark.core.model.TaxonomyRef;
import dev.bulwark.core.reach.CodeReferences;
import dev.bulwark.deps.db.Databases;
import dev.bulwark.deps.inventory.Inventory;
import dev.bulwark.deps.match.Matcher;
import dev.bulwark.deps.match.VulnMatch;
import dev.bulwark.deps.model.Component;
import dev.bulwark.deps.reach.Reachability;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Finds vulnerable dependencies: reads every manifest, lockfile, SBOM and archive of the tree,
 * matches the packages against the local advisory database, and reports each vulnerability once per
 * package with its fix, scores, exploitation signals and reachability.
 */
public final class DepsAnalyzer implements Analyzer {
  static final String RULE = "vulnerable-dependency";
  private static final AnalyzerInfo INFO =
      new AnalyzerInfo(
          "deps",
          "Dependencies",
          "Known vulnerabilities in declared and bundled packages (OSV, KEV, EPSS)",
          Phase.DEPENDENCIES);

  private final Inventory inventory = Inventory.standard();

  @Override
  public AnalyzerInfo info() {
    return INFO;
  }

  @Override
  public List<RuleDescriptor> rules() {
    return List.of(
        new RuleDescriptor(
            RULE,
            "Vulnerable dependency",
            "A package with a published vulnerability",
            "The project declares or bundles a package version that a published advisory (OSV) says is "
                + "vulnerable. Upgrade to the fixed version; the patch plan (bulwark deps plan) orders and "
                + "schedules the upgrades by known exploitation (CISA KEV), exploit likelihood (EPSS), severity "
                + "(CVSS) and whether project code reaches the package.",
            Severity.HIGH,
            List.of(TaxonomyRef.cwe(1395)),
            List.of("dependencies", "sca")));
  }

  @Override
  public boolean appliesTo(ScanContext context) {
    return context.tree().files().stream()
        .anyMatch(f -> inventory.accepts(f.path().getFileName().toString()));
  }

  @Override
  public void analyze(ScanContext ctx, FindingSink sink)
      throws AnalysisException, InterruptedException {
    List<Component> components =
        inventory.read(ctx.tree(), ctx.diagnostics(), ctx.options().fileTimeBudget());
    Databases.Opened db;
    try {
      db = Databases.forAnalysis(DataDir.resolve(null), ctx.diagnostics());
    } catch (InputException e) {
      throw new AnalysisException(e.getMessage(), e);
    }
    try {
      if (db.seed()) {
        ctx.diagnostics()
            .report(
                Diagnostic.note(
                    "deps",
                    "",
                    "no advisory database imported: matched against the small built-in seed; run 'bulwark db import' or 'bulwark db update'"));
      }
      // many packages: one pass over the database beats one query per package
      Matcher matcher =
          components.size() > 1000 ? Matcher.preloaded(db.db()) : new Matcher(db.db());
      List<VulnMatch> matches = matcher.match(components);
      Optional<CodeReferences> refs = Optional.empty();
      Optional<CodeReferences.Indexer> indexer = CodeReferences.indexer();
      if (indexer.isPresent()) {
        refs = Optional.of(indexer.get().index(ctx.tree()));
      }
      Reachability reach = new Reachability(refs);
      for (VulnMatch m : matches) {
        sink.accept(VulnFindings.of(m, reach.of(m), ctx.tree().baseDir()));
      }
    } catch (SQLException | InputException e) {
      throw new AnalysisException("advisory database: " + e.getMessage(), e);
    } finally {
      Databases.close(db);
    }
  }
}
