package dev.bulwark.cli;

import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.core.config.DataDir;
import dev.bulwark.core.errors.Diagnostic;
import dev.bulwark.core.errors.InputException;
import dev.bulwark.core.files.OutputFile;
import dev.bulwark.core.files.SourceTree;
import dev.bulwark.core.files.WalkOptions;
import dev.bulwark.core.reach.CodeReferences;
import dev.bulwark.deps.db.Databases;
import dev.bulwark.deps.inventory.CycloneDxWriter;
import dev.bulwark.deps.inventory.Inventory;
import dev.bulwark.deps.match.Matcher;
import dev.bulwark.deps.match.VulnMatch;
import dev.bulwark.deps.model.Component;
import dev.bulwark.deps.plan.PatchPlan;
import dev.bulwark.deps.plan.PlanSettings;
import dev.bulwark.deps.plan.PlanWriters;
import dev.bulwark.deps.reach.Reachability;
import dev.bulwark.deps.vex.VexWriters;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bulwark deps}: inventories and patch plans. */
@Command(
    name = "deps",
    mixinStandardHelpOptions = true,
    description = "Dependency inventory (CycloneDX) and patch planning.",
    subcommands = {DepsCommand.InventoryCmd.class, DepsCommand.Plan.class})
final class DepsCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  static List<Component> inventory(Path path, List<Diagnostic> ds) throws Exception {
    SourceTree tree = SourceTree.walk(List.of(path), WalkOptions.defaults(), ds::add);
    return Inventory.standard().read(tree, ds::add);
  }

  /** Writes to a checked output file, or to standard output when there is none. */
  static void write(OutputFile out, String text) throws java.io.IOException {
    if (out == null) {
      // package names and versions come from the project's manifests
      System.out.print(
          dev.bulwark.core.terminal.Terminal.detect().stdoutTty()
              ? dev.bulwark.core.terminal.TerminalText.block(text)
              : text);
      return;
    }
    out.writeString(text);
    System.err.println("bulwark: wrote " + out.requested());
  }

  @Command(
      name = "inventory",
      mixinStandardHelpOptions = true,
      description = "List every package of a project as a CycloneDX 1.6 JSON BOM.")
  static final class InventoryCmd implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "PATH")
    Path path;

    @Option(
        names = {"-o", "--output"},
        paramLabel = "FILE",
        description = "Write the BOM here (default: standard output).")
    Path out;

    @picocli.CommandLine.Mixin OutputPolicy outputPolicy;

    @Override
    public Integer call() throws Exception {
      OutputFile target = outputPolicy.check(out, List.of(path));
      List<Diagnostic> ds = new ArrayList<>();
      List<Component> cs = inventory(path, ds);
      String name =
          path.toAbsolutePath().normalize().getFileName() == null
              ? "project"
              : path.toAbsolutePath().normalize().getFileName().toString();
      write(target, CycloneDxWriter.write(cs, name, Instant.now()));
      DbCommand.WithDataDir.printDiagnostics(ds);
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "plan",
      mixinStandardHelpOptions = true,
      description = {
        "Plan the upgrades: the smallest fixing version per package, ordered by SSVC decision, KEV,",
        "EPSS, CVSS and reachability, scheduled into the maintenance windows of bulwark.yaml (deps:)."
      })
  static final class Plan implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "PATH")
    Path path;

    @Option(names = "--format", paramLabel = "FORMAT", description = "markdown (default) or json.")
    String format = "markdown";

    @Option(
        names = {"-o", "--output"},
        paramLabel = "FILE",
        description = "Write the plan here (default: standard output).")
    Path out;

    @Option(
        names = "--ics",
        paramLabel = "FILE",
        description = "The calendar of windows (default: patch-plan.ics in the working directory).")
    Path ics = Path.of("patch-plan.ics");

    @Option(
        names = "--vex",
        paramLabel = "FORMAT",
        description = "Also write a VEX document: cyclonedx or openvex.")
    String vex;

    @Option(
        names = "--vex-output",
        paramLabel = "FILE",
        description = "Where the VEX document goes (default: vex.cdx.json or vex.openvex.json).")
    Path vexOut;

    @Option(names = "--config", paramLabel = "FILE", description = "Use this bulwark.yaml.")
    Path config;

    @picocli.CommandLine.Mixin OutputPolicy outputPolicy;

    /** A patch plan and what it rests on. */
    record Planned(
        PatchPlan.Plan plan,
        List<VulnMatch> matches,
        Map<VulnMatch, Reachability.Verdict> verdicts,
        boolean seed) {}

    /**
     * Inventory, matching against the advisory database, reachability and scheduling for a project;
     * shared by {@code bulwark deps plan} and the agents' tool.
     */
    static Planned plan(Path path, BulwarkConfig cfg, Path dataDir, List<Diagnostic> ds)
        throws Exception {
      ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
      PlanSettings settings = PlanSettings.from(cfg.section("deps"), now);
      SourceTree tree = SourceTree.walk(List.of(path), WalkOptions.defaults(), ds::add);
      List<Component> cs = Inventory.standard().read(tree, ds::add);
      Databases.Opened db = Databases.forAnalysis(dataDir, ds::add);
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

    @Override
    public Integer call() throws Exception {
      if (!format.equals("markdown") && !format.equals("json")) {
        throw new InputException("--format must be markdown or json, got '" + format + "'");
      }
      if (vex != null && !vex.equals("cyclonedx") && !vex.equals("openvex")) {
        throw new InputException("--vex must be cyclonedx or openvex, got '" + vex + "'");
      }
      Path vexTarget =
          vex == null
              ? null
              : vexOut != null
                  ? vexOut
                  : Path.of(vex.equals("cyclonedx") ? "vex.cdx.json" : "vex.openvex.json");
      OutputFile planOut = outputPolicy.check(out, List.of(path));
      OutputFile icsOut = outputPolicy.check(ics, List.of(path));
      OutputFile vexFile = outputPolicy.check(vexTarget, List.of(path));
      BulwarkConfig cfg = Configs.load(config, path);
      List<Diagnostic> ds = new ArrayList<>();
      Planned planned = plan(path, cfg, DataDir.resolve(null), ds);
      PatchPlan.Plan plan = planned.plan();
      List<VulnMatch> matches = planned.matches();
      Map<VulnMatch, Reachability.Verdict> verdicts = planned.verdicts();
      // the Markdown plan is read by people: manifest paths and names must not act on a terminal
      write(
          planOut,
          format.equals("json")
              ? PlanWriters.json(plan)
              : dev.bulwark.core.terminal.TerminalText.block(PlanWriters.markdown(plan)));
      write(icsOut, PlanWriters.ics(plan, "patch-plan"));
      if (vexFile != null) {
        write(
            vexFile,
            vex.equals("cyclonedx")
                ? VexWriters.cycloneDx(matches, verdicts, Instant.now())
                : VexWriters.openVex(matches, verdicts, Instant.now()));
      }
      if (planned.seed()) {
        System.err.println(
            "bulwark: note: matched against the small built-in advisory seed; run 'bulwark db import' or 'bulwark db update' for full coverage");
      }
      DbCommand.WithDataDir.printDiagnostics(ds);
      return ExitCodes.OK;
    }
  }
}
