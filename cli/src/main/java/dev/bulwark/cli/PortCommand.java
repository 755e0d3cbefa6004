package dev.bulwark.cli;

import dev.bulwark.ai.llm.LlmClient;
import dev.bulwark.ai.llm.LlmSettings;
import dev.bulwark.cli.usecase.PortService;
import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.core.model.Finding;
import dev.bulwark.core.report.ScanReport;
import dev.bulwark.port.PortFindings;
import dev.bulwark.port.PortReport;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bulwark port c2rust SRC --out DIR}: C to safe Rust through checked gates. */
@Command(
    name = "port",
    mixinStandardHelpOptions = true,
    description = "Port code to memory-safe languages, accepting only what the gates verify.",
    subcommands = {PortCommand.C2Rust.class})
final class PortCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "c2rust",
      mixinStandardHelpOptions = true,
      description = {
        "Port a C project to a safe Rust crate, function by function, bottom-up.",
        "A function is accepted only if the crate builds (cargo, offline, std only), contains no",
        "unsafe, passes Clippy with -D warnings and gives the same outputs as the C on generated",
        "inputs and on the calls its C tests make (--c-tests). This BUILDS AND RUNS the project's",
        "C and its C tests (gcc, with sanitizers) and the ported Rust, in temporary directories",
        "with time limits: use it on code you trust.",
        "PORT.md and PORT.html always go to --out; --format F [-o FILE] (terminal, json, sarif,",
        "markdown or html, repeatable) also writes the unported functions as findings, one per",
        "function with its hazards, the last rejection reason and its place in the C source."
      })
  static final class C2Rust implements Callable<Integer> {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SRC_DIR", description = "The C project (its .c files).")
    Path source;

    @Option(
        names = "--out",
        required = true,
        paramLabel = "DIR",
        description = "Where the crate and PORT.md go.")
    Path out;

    @Option(
        names = "--interface",
        paramLabel = "DIR",
        description = "A directory with the Rust interface (.rs) to implement.")
    Path iface;

    @Option(
        names = "--tests",
        paramLabel = "DIR",
        description = "Rust tests (.rs) to run against the crate.")
    Path tests;

    @Option(
        names = "--c-tests",
        paramLabel = "DIR",
        description =
            "C test programs (.c, each with its own main) for the project: they are built against"
                + " it with its functions wrapped to log their calls, run (sanitizers, time limit),"
                + " and every call they make is replayed against the port.")
    Path cTests;

    @Option(
        names = "--llm",
        description =
            "Ask the configured LLM (bulwark.yaml llm: or BULWARK_LLM_*) for what the deterministic pass leaves.")
    boolean llm;

    @Option(
        names = "--repairs",
        defaultValue = "2",
        paramLabel = "N",
        description = "Repair rounds per function for the model (default: ${DEFAULT-VALUE}).")
    int repairs;

    @ArgGroup(exclusive = false, multiplicity = "0..*")
    List<ReportOutput> outputs = new ArrayList<>();

    @picocli.CommandLine.Mixin OutputPolicy outputPolicy;

    @picocli.CommandLine.Mixin CommonOptions.Config config;

    @Override
    public Integer call() throws Exception {
      // every report path is checked before gcc or cargo runs, like every other command's
      ReportOutput.prepare(outputs, List.of(source), outputPolicy);
      Instant started = Instant.now();
      Optional<LlmClient> model = Optional.empty();
      if (llm) {
        BulwarkConfig cfg = config.load(source.toAbsolutePath().normalize());
        Configs.LlmSection section =
            Configs.llmSection(
                config.file(),
                cfg,
                System.getenv(),
                w -> spec.commandLine().getErr().println("bulwark: warning: " + w));
        Optional<LlmSettings> settings =
            LlmSettings.resolve(section.section(), System.getenv(), section.baseDir());
        if (settings.isEmpty()) {
          throw new dev.bulwark.core.errors.InputException(
              "--llm: no model is configured (llm.endpoint and llm.model, or BULWARK_LLM_ENDPOINT and BULWARK_LLM_MODEL)");
        }
        model = Optional.of(settings.get().client());
      }
      PortService.Ported p =
          new PortService()
              .port(
                  new PortService.Request(
                      source,
                      out,
                      Optional.ofNullable(iface),
                      Optional.ofNullable(tests),
                      Optional.ofNullable(cTests),
                      model,
                      repairs));
      ScanReport report =
          ScanReport.ofSingleRun(
              source.toAbsolutePath().normalize().toString(),
              List.of(source.toString()),
              started,
              p.result().functions().size(),
              0,
              PortFindings.ANALYZER,
              "Port",
              PortFindings.rules(),
              p.findings(),
              List.of());
      ReportOutput.writeAll(spec, report, outputs, false);
      if (!ReportOutput.anyOnStdout(outputs)) {
        spec.commandLine().getOut().print(PortReport.markdown(p.result()));
        for (Finding f : p.findings()) {
          spec.commandLine().getOut().println("- " + f.severity() + " " + f.title());
        }
        spec.commandLine().getOut().println("Report: " + out.resolve("PORT.md") + " and PORT.html");
        spec.commandLine().getOut().flush();
      }
      return p.findings().isEmpty() ? ExitCodes.OK : ExitCodes.FINDINGS;
    }
  }
}
