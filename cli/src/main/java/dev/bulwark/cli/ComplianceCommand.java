package dev.bulwark.cli;

import dev.bulwark.compliance.ComplianceService;
import dev.bulwark.compliance.assess.ControlStatus;
import dev.bulwark.compliance.assess.GapReport;
import dev.bulwark.compliance.oscal.Catalog;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bulwark compliance}: OSCAL control assessments built from Bulwark's own results. */
@Command(
    name = "compliance",
    mixinStandardHelpOptions = true,
    description = "Assess NIST SP 800-53 controls from Bulwark's results, as OSCAL.",
    subcommands = {
      ComplianceCommand.Resolve.class,
      ComplianceCommand.Assess.class,
      ComplianceCommand.Validate.class
    })
final class ComplianceCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The profile to resolve and, when its import does not resolve locally, its catalog. */
  static final class Profile {
    @Option(
        names = "--profile",
        required = true,
        paramLabel = "FILE",
        description = "OSCAL profile (JSON).")
    Path file;

    @Option(
        names = "--catalog",
        paramLabel = "FILE",
        description = "The catalog the profile imports, when its link does not resolve locally.")
    Path catalog;
  }

  @Command(
      name = "resolve",
      mixinStandardHelpOptions = true,
      description = {
        "Resolve an OSCAL profile into the controls it selects.",
        "Prints the control count and the count per family."
      })
  static final class Resolve implements Callable<Integer> {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @picocli.CommandLine.Mixin Profile profile;

    @Override
    public Integer call() throws Exception {
      Catalog c = new ComplianceService().resolve(profile.file, profile.catalog);
      PrintWriter out = spec.commandLine().getOut();
      out.printf("%s: %d controls%n", c.title(), c.controls().size());
      Map<String, Long> byFamily = new java.util.TreeMap<>();
      c.controls().forEach(x -> byFamily.merge(x.family(), 1L, Long::sum));
      byFamily.forEach(
          (f, n) -> out.printf("  %-3s %d%n", f.toUpperCase(java.util.Locale.ROOT), n));
      out.flush();
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "assess",
      mixinStandardHelpOptions = true,
      description = {
        "Assess a profile's controls from a folder of Bulwark JSON reports.",
        "Writes OSCAL assessment-results, a POA&M for what fails and a Markdown gap report."
      })
  static final class Assess implements Callable<Integer> {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @picocli.CommandLine.Mixin Profile profile;

    @Option(
        names = "--evidence",
        required = true,
        paramLabel = "DIR",
        description =
            "Folder of Bulwark JSON reports (bulwark scan --format json, bulwark logs hunt).")
    Path evidence;

    @Option(
        names = "--out",
        paramLabel = "DIR",
        defaultValue = "compliance-report",
        description =
            "Where to write assessment-results.json, poam.json and gap-report.md (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(
        names = "--attack",
        paramLabel = "FILE",
        description =
            "800-53 to ATT&CK mapping (Mappings Explorer JSON): the gap report names the techniques failing controls leave open.")
    Path attack;

    @Option(
        names = "--at",
        paramLabel = "TIME",
        description =
            "Assessment time (ISO-8601 instant; default: now); evidence must be recent relative to it.")
    Instant at;

    @Override
    public Integer call() throws Exception {
      Instant when = at == null ? Instant.now() : at;
      ComplianceService.Assessment a =
          new ComplianceService().assess(profile.file, profile.catalog, evidence, attack, when);
      Files.createDirectories(out);
      Files.writeString(out.resolve("assessment-results.json"), a.assessmentResultsJson());
      Files.writeString(out.resolve("poam.json"), a.poamJson());
      Files.writeString(out.resolve("gap-report.md"), a.gapReportMarkdown());
      PrintWriter o = spec.commandLine().getOut();
      Map<ControlStatus, Integer> t = GapReport.totals(a.controls());
      o.printf(
          "%s: %d controls — %d satisfied, %d not satisfied, %d without evidence, %d not assessed by Bulwark%n",
          a.resolved().title(),
          a.controls().size(),
          t.get(ControlStatus.SATISFIED),
          t.get(ControlStatus.NOT_SATISFIED),
          t.get(ControlStatus.NO_EVIDENCE),
          t.get(ControlStatus.NOT_ASSESSED));
      o.printf(
          "wrote %s, %s, %s%n",
          out.resolve("assessment-results.json"),
          out.resolve("poam.json"),
          out.resolve("gap-report.md"));
      o.flush();
      PrintWriter err = spec.commandLine().getErr();
      a.evidenceProblems().forEach(p -> err.println("skipped " + p));
      err.flush();
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "validate",
      mixinStandardHelpOptions = true,
      description = {
        "Check OSCAL assessment-results or POA&M JSON against the schema's rules.",
        "Required and unknown properties, UUID and date-time formats, finding states."
      })
  static final class Validate implements Callable<Integer> {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @picocli.CommandLine.Parameters(
        paramLabel = "FILE",
        arity = "1..*",
        description = "OSCAL JSON files.")
    java.util.List<Path> files;

    @Override
    public Integer call() throws Exception {
      PrintWriter o = spec.commandLine().getOut();
      int bad = 0;
      for (Path f : files) {
        java.util.List<String> problems = new ComplianceService().validate(f);
        if (problems.isEmpty()) {
          o.printf("%s: valid%n", f);
        } else {
          bad++;
          o.printf("%s: %d problem(s)%n", f, problems.size());
          problems.forEach(p -> o.println("  " + p));
        }
      }
      o.flush();
      return bad == 0 ? ExitCodes.OK : ExitCodes.FINDINGS;
    }
  }
}
