package dev.bulwark.cli;

import dev.bulwark.cli.usecase.PlanService;
import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.core.config.DataDir;
import dev.bulwark.core.errors.Diagnostic;
import dev.bulwark.core.errors.InputException;
import dev.bulwark.core.files.OutputFile;
import dev.bulwark.core.files.SourceTree;
import dev.bulwark.core.files.WalkOptions;
import dev.bulwark.core.scan.Scanner;
import dev.bulwark.deps.inventory.CycloneDxWriter;
import dev.bulwark.deps.inventory.Inventory;
import dev.bulwark.deps.match.VulnMatch;
import dev.bulwark.deps.model.Component;
import dev.bulwark.deps.plan.PatchPlan;
import dev.bulwark.deps.plan.PlanWriters;
import dev.bulwark.deps.reach.Reachability;
import dev.bulwark.deps.vex.VexWriters;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The project's packages; bulwark.yaml's include and exclude globs apply as in a scan. */
  static List<Component> inventory(Path path, BulwarkConfig cfg, List<Diagnostic> ds)
      throws Exception {
    return Inventory.standard().read(walk(path, cfg, ds), ds::add);
  }

  private static SourceTree walk(Path path, BulwarkConfig cfg, List<Diagnostic> ds)
      throws Exception {
    return SourceTree.walk(
        List.of(path), Scanner.walkOptions(cfg, List.of(path), WalkOptions.defaults()), ds::add);
  }

  /**
   * A manifest named directly that could not be read leaves nothing to report on: that is an input
   * error (exit 2) naming why, not an empty inventory or plan — as for {@code scan}. A file no
   * manifest reader accepts is refused the same way. A directory is always read.
   */
  static void requireSomethingRead(Path path, List<Diagnostic> ds) throws InputException {
    if (java.nio.file.Files.isDirectory(path)) {
      return;
    }
    Path name = path.getFileName();
    if (name == null || !dev.bulwark.deps.inventory.Inventory.standard().accepts(name.toString())) {
      throw new InputException(
          path
              + ": not a manifest, lockfile, SBOM or JAR that Bulwark reads; give the project"
              + " directory or one of its manifests");
    }
    List<String> why =
        ds.stream()
            .filter(d -> d.path() != null && d.path().endsWith(name.toString()))
            .filter(d ->
                d.level() == Diagnostic.Level.ERROR
                    || (d.level() == Diagnostic.Level.WARNING && "files".equals(d.source())))
            .map(Diagnostic::display)
            .toList();
    if (!why.isEmpty()) {
      throw new InputException("nothing could be read: " + String.join("; ", why));
    }
  }

  /** Writes to a checked output file, or to standard output when there is none. */
  static void write(picocli.CommandLine.Model.CommandSpec spec, OutputFile out, String text)
      throws java.io.IOException {
    if (out == null) {
      // package names and versions come from the project's manifests
      spec.commandLine()
          .getOut()
          .print(
              dev.bulwark.core.terminal.Terminal.detect().stdoutTty()
                  ? dev.bulwark.core.terminal.TerminalText.block(text)
                  : text);
      return;
    }
    out.writeString(text);
    spec.commandLine().getErr().println("bulwark: wrote " + out.requested());
  }

  @Command(
      name = "inventory",
      mixinStandardHelpOptions = true,
      description = "List every package of a project as a CycloneDX 1.6 JSON BOM.")
  static final class InventoryCmd implements Callable<Integer> {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PATH")
    Path path;

    @Option(
        names = {"-o", "--output"},
        paramLabel = "FILE",
        description = "Write the BOM here (default: standard output).")
    Path out;

    @Option(names = "--config", paramLabel = "FILE", description = "Use this bulwark.yaml.")
    Path config;

    @Option(
        names = "--resolve",
        description = {
          "First run Maven (mvn dependency:resolve) on the project's pom.xml so that parents and",
          "BOMs missing from the local repository are downloaded. This runs the project's build",
          "configuration: use it only on code you trust."
        })
    boolean resolve;

    @picocli.CommandLine.Mixin OutputPolicy outputPolicy;

    @Override
    public Integer call() throws Exception {
      OutputFile target = outputPolicy.check(out, List.of(path));
      BulwarkConfig cfg = Configs.load(config, path);
      if (resolve) {
        MavenResolve.run(path);
      }
      List<Diagnostic> ds = new ArrayList<>();
      List<Component> cs = inventory(path, cfg, ds);
      requireSomethingRead(path, ds);
      String name =
          path.toAbsolutePath().normalize().getFileName() == null
              ? "project"
              : path.toAbsolutePath().normalize().getFileName().toString();
      write(spec, target, CycloneDxWriter.write(cs, name, Instant.now()));
      DbCommand.WithDataDir.printDiagnostics(spec.commandLine().getErr(), ds);
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "plan",
      mixinStandardHelpOptions = true,
      description = {
        "Plan the upgrades of vulnerable packages.",
        "The smallest fixing version per package, ordered by SSVC decision, KEV, EPSS, CVSS and",
        "reachability, scheduled into the maintenance windows of bulwark.yaml (deps:)."
      })
  static final class Plan implements Callable<Integer> {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

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

    @picocli.CommandLine.Mixin CommonOptions.Config config;

    @picocli.CommandLine.Mixin OutputPolicy outputPolicy;

    @picocli.CommandLine.Mixin CommonOptions.ServerUpload upload;

    @Override
    public Integer call() throws Exception {
      String token = upload.requested() ? upload.token() : null;
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
      BulwarkConfig cfg = config.load(path);
      List<Diagnostic> ds = new ArrayList<>();
      PlanService.Planned planned =
          new PlanService().plan(path, cfg, DataDir.resolve(null), ds::add);
      requireSomethingRead(path, ds);
      PatchPlan.Plan plan = planned.plan();
      List<VulnMatch> matches = planned.matches();
      Map<VulnMatch, Reachability.Verdict> verdicts = planned.verdicts();
      // the Markdown plan is read by people: manifest paths and names must not act on a terminal
      write(
          spec,
          planOut,
          format.equals("json")
              ? PlanWriters.json(plan)
              : dev.bulwark.core.terminal.TerminalText.block(PlanWriters.markdown(plan)));
      write(spec, icsOut, PlanWriters.ics(plan, "patch-plan"));
      if (vexFile != null) {
        write(
            spec,
            vexFile,
            vex.equals("cyclonedx")
                ? VexWriters.cycloneDx(matches, verdicts, Instant.now())
                : VexWriters.openVex(matches, verdicts, Instant.now()));
      }
      if (upload.requested()) {
        // the console's calendar reads the JSON plan, whatever --format printed
        String name = upload.projectFor(path);
        Upload.sendPlan(
            upload.server,
            name,
            token,
            PlanWriters.json(plan).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        spec.commandLine()
            .getErr()
            .printf(
                "uploaded to %s (project %s): patch plan with %d window%s%n",
                upload.server, name, plan.windows().size(), plan.windows().size() == 1 ? "" : "s");
      }
      if (planned.seed()) {
        spec.commandLine()
            .getErr()
            .println(
                "bulwark: note: matched against the small built-in advisory seed; run 'bulwark db import' or 'bulwark db update' for full coverage");
      }
      DbCommand.WithDataDir.printDiagnostics(spec.commandLine().getErr(), ds);
      return ExitCodes.OK;
    }
  }
}
