package dev.bulwark.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.ai.llm.LlmSettings;
import dev.bulwark.cli.usecase.SpecsService;
import dev.bulwark.code.rules.RulePacks;
import dev.bulwark.code.specs.LlmLabeller;
import dev.bulwark.code.specs.Spec;
import dev.bulwark.code.specs.SpecInference;
import dev.bulwark.code.specs.SpecPack;
import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.core.errors.Diagnostic;
import dev.bulwark.core.maven.LocalRepository;
import dev.bulwark.core.verify.ProposalLog;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bulwark code}: tools around the Java analysis. */
@Command(
    name = "code",
    mixinStandardHelpOptions = true,
    description =
        "Java analysis tools: specifications inferred for a project's own and its dependencies' methods.",
    subcommands = {CodeCommand.Specs.class})
final class CodeCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The output formats of {@code code specs}. */
  enum Format {
    TABLE,
    JSON
  }

  @Command(
      name = "specs",
      mixinStandardHelpOptions = true,
      description = {
        "List the methods that act as sources, sinks, sanitizers or propagators, checked.",
        "Candidates come from the project's methods (names, signatures, what their bodies call) and",
        "from its direct dependencies' bytecode (jars in the local Maven repository). A spec is",
        "verified when the taint analysis of its body or its bytecode does what it says, documented",
        "when only its javadoc says so, unverified otherwise (used at low confidence). With --llm",
        "the configured model labels the candidates too; each label goes through the same checks.",
        "--out writes a rule pack; name it under code.packs in bulwark.yaml for scans to use it."
      })
  static final class Specs implements Callable<Integer> {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PROJECT", description = "The project's folder.")
    Path project;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the specs as a rule pack.")
    Path out;

    @Option(names = "--format", paramLabel = "FORMAT", description = "table (default) or json.")
    Format format = Format.TABLE;

    @Option(
        names = "--llm",
        description =
            "Ask the configured LLM (llm: or BULWARK_LLM_*) to label the candidates as well.")
    boolean llm;

    @Option(
        names = "--max-labels",
        paramLabel = "N",
        description = "At most N candidates go to the model (default 200).")
    int maxLabels = 200;

    @Option(
        names = "--maven-repo",
        paramLabel = "DIR",
        description = "The local Maven repository to read dependency jars from (default: ~/.m2).")
    Path mavenRepo;

    @picocli.CommandLine.Mixin CommonOptions.DataDirectory dataDir;

    @picocli.CommandLine.Mixin CommonOptions.Config config;

    @picocli.CommandLine.Mixin CommonOptions.Threads threads;

    @picocli.CommandLine.Mixin OutputPolicy outputPolicy;

    @Override
    public Integer call() throws Exception {
      dev.bulwark.core.files.InputPaths.requireReadableKind(project);
      // where the pack goes is checked before any work
      dev.bulwark.core.files.OutputFile pack = outputPolicy.check(out, List.of(project));
      Path root = project.toAbsolutePath().normalize();
      BulwarkConfig cfg = config.load(root);
      ConcurrentLinkedQueue<Diagnostic> diagnostics = new ConcurrentLinkedQueue<>();
      Optional<SpecInference.Labeller> labeller = Optional.empty();
      PrintWriter err = spec.commandLine().getErr();
      if (llm) {
        Configs.LlmSection section =
            Configs.llmSection(
                config.file(), cfg, System.getenv(), w -> err.println("bulwark: warning: " + w));
        Optional<LlmSettings> settings =
            LlmSettings.resolve(section.section(), System.getenv(), section.baseDir());
        if (settings.isEmpty()) {
          err.println(
              "bulwark code specs: --llm: no model is configured (llm.endpoint and llm.model, or"
                  + " BULWARK_LLM_ENDPOINT and BULWARK_LLM_MODEL); using the heuristics alone");
        } else {
          labeller =
              Optional.of(
                  new LlmLabeller(
                      settings.get().client(),
                      RulePacks.builtIn(),
                      ProposalLog.in(dataDir.dir()),
                      diagnostics::add));
        }
      }
      SpecInference.Result r =
          new SpecsService()
              .infer(
                  new SpecsService.Request(
                      root,
                      cfg,
                      threads.value(),
                      mavenRepo == null ? LocalRepository.user() : new LocalRepository(mavenRepo),
                      labeller,
                      maxLabels),
                  diagnostics::add);
      for (Diagnostic d : diagnostics) {
        if (d.level() != Diagnostic.Level.NOTE) {
          err.println("bulwark: " + (d.path() == null ? "" : d.path() + ": ") + d.message());
        }
      }
      PrintWriter o = spec.commandLine().getOut();
      if (format == Format.JSON) {
        o.println(json(r));
      } else {
        table(o, r);
      }
      if (pack != null) {
        pack.writeString(SpecPack.yaml(root.getFileName().toString(), r.specs()));
        err.println("bulwark code specs: wrote " + r.specs().size() + " specs to " + out);
      }
      return ExitCodes.OK;
    }

    private static void table(PrintWriter o, SpecInference.Result r) {
      o.printf("%-10s %-10s %-6s %-60s %s%n", "VERDICT", "KIND", "CWE", "METHOD", "EVIDENCE");
      for (Spec s : r.specs()) {
        String m = s.method() + (s.args().isEmpty() ? "" : " " + s.args());
        o.printf(
            "%-10s %-10s %-6s %-60s %s%n",
            s.verdict().label(),
            s.kind().label(),
            s.cwe() == 0 ? "" : "CWE-" + s.cwe(),
            m.length() > 60 ? "…" + m.substring(m.length() - 59) : m,
            s.evidence());
      }
      o.printf(
          "%d specs from %d candidates; %d dependency jar(s) read%s%s%n",
          r.specs().size(),
          r.candidates(),
          r.jars().size(),
          r.missing().isEmpty()
              ? ""
              : ", " + r.missing().size() + " not in the local Maven repository",
          r.labelled() == 0 ? "" : "; " + r.labelled() + " candidates labelled by the model");
    }

    private static String json(SpecInference.Result r) throws Exception {
      ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
      ObjectNode root = m.createObjectNode();
      ArrayNode a = root.putArray("specs");
      for (Spec s : r.specs()) {
        ObjectNode n = a.addObject();
        n.put("kind", s.kind().label());
        n.put("method", s.method());
        ArrayNode args = n.putArray("args");
        s.args().forEach(args::add);
        if (s.rule() != null) {
          n.put("rule", s.rule());
        }
        if (s.cwe() != 0) {
          n.put("cwe", s.cwe());
        }
        ArrayNode cats = n.putArray("categories");
        s.categories().stream()
            .sorted()
            .forEach(c -> cats.add(c.name().toLowerCase(java.util.Locale.ROOT)));
        n.put("verdict", s.verdict().label());
        n.put("confidence", s.confidence().label());
        n.put("evidence", s.evidence());
        n.put("origin", s.origin());
        n.put("labelledBy", s.labelledBy());
      }
      root.put("candidates", r.candidates());
      ArrayNode jars = root.putArray("jars");
      r.jars().forEach(jars::add);
      ArrayNode missing = root.putArray("missing");
      r.missing().forEach(missing::add);
      root.put("labelled", r.labelled());
      return m.writeValueAsString(root);
    }
  }
}
