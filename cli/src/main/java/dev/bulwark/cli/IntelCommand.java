package dev.bulwark.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.cli.usecase.ThreatIntelService;
import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.core.errors.InputException;
import dev.bulwark.intel.IntelService;
import dev.bulwark.intel.analysis.IntelReport;
import dev.bulwark.intel.feed.ImportResult;
import dev.bulwark.intel.feed.TaxiiClient;
import dev.bulwark.intel.profile.OrgProfile;
import dev.bulwark.intel.render.NavigatorLayers;
import dev.bulwark.intel.stix.StixBundleReader;
import dev.bulwark.intel.stix.StixValidator;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bulwark intel}: threat intelligence tailored to the organisation's profile. */
@Command(
    name = "intel",
    mixinStandardHelpOptions = true,
    description =
        "Rank the threat actors likely to target the organisation and show which of their"
            + " techniques its detections miss.",
    subcommands = {
      IntelCommand.Import.class,
      IntelCommand.Sync.class,
      IntelCommand.Report.class,
      IntelCommand.Match.class,
      IntelCommand.Indicators.class,
      IntelCommand.Validate.class
    })
final class IntelCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "import",
      mixinStandardHelpOptions = true,
      description = {
        "Import STIX bundles (ATT&CK, your own), MISP galaxy clusters and the CISA KEV catalogue.",
        "A folder is walked for .json files; each file is recognised by its content."
      })
  static final class Import implements Callable<Integer> {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;
    @picocli.CommandLine.Mixin CommonOptions.DataDirectory dataDir;

    @Parameters(arity = "1..*", paramLabel = "FILE|DIR")
    List<Path> paths;

    @Override
    public Integer call() throws Exception {
      PrintWriter err = spec.commandLine().getErr();
      IntelService.Imported imp =
          new ThreatIntelService(dataDir.dir())
              .importPaths(paths, p -> err.println("skipped " + p));
      PrintWriter out = spec.commandLine().getOut();
      long read = 0;
      long stored = 0;
      for (ImportResult r : imp.files()) {
        read += r.read();
        stored += r.stored();
        out.printf(
            "%-12s %-50s %7d read %7d written %6d ms%n",
            r.kind().name().toLowerCase(Locale.ROOT),
            r.file().getFileName(),
            r.read(),
            r.stored(),
            r.millis());
      }
      out.printf(
          "imported %d objects (%d written) in %.1f s; the store holds %d objects, %.1f MB%n",
          read, stored, imp.millis() / 1000.0, imp.stats().total(), imp.stats().bytes() / 1e6);
      out.flush();
      err.flush();
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "sync",
      mixinStandardHelpOptions = true,
      description = {
        "Fetch objects from a TAXII 2.1 server into the store.",
        "Later syncs fetch only what was added since the last one."
      })
  static final class Sync implements Callable<Integer> {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;
    @picocli.CommandLine.Mixin CommonOptions.DataDirectory dataDir;

    @Option(
        names = "--url",
        required = true,
        paramLabel = "URL",
        description = "The server's discovery URL or an API root.")
    URI url;

    @Option(
        names = "--collection",
        paramLabel = "ID|TITLE",
        description = "Only this collection (default: every readable one).")
    String collection;

    @Option(
        names = "--token-env",
        paramLabel = "VAR",
        description = "Environment variable holding a bearer token for the server.")
    String tokenEnv;

    @Override
    public Integer call() throws Exception {
      String auth = null;
      if (tokenEnv != null) {
        String t = System.getenv(tokenEnv);
        if (t == null || t.isBlank()) {
          throw new InputException("--token-env " + tokenEnv + ": the variable is not set");
        }
        auth = "Bearer " + t.strip();
      }
      List<TaxiiClient.CollectionSync> synced =
          new ThreatIntelService(dataDir.dir()).sync(url, collection, auth);
      PrintWriter out = spec.commandLine().getOut();
      for (TaxiiClient.CollectionSync s : synced) {
        out.printf(
            "%s (%s): %d objects in %d pages, %d new or newer; added up to %s%n",
            s.title(), s.id(), s.read(), s.pages(), s.stored(), s.addedLast());
      }
      out.flush();
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "report",
      mixinStandardHelpOptions = true,
      description = {
        "Report the actors likely to target the organisation and what its detections miss.",
        "The profile is bulwark.yaml's 'intel:' section; techniques are set against the rules in",
        "force (gaps first), KEV entries of the stack are listed, and --navigator writes layers."
      })
  static final class Report implements Callable<Integer> {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;
    @picocli.CommandLine.Mixin CommonOptions.DataDirectory dataDir;

    @Option(
        names = "--config",
        paramLabel = "FILE",
        description = "The bulwark.yaml with 'intel:'.")
    Path config;

    @Option(
        names = "--format",
        paramLabel = "FORMAT",
        defaultValue = "md",
        description = "md (default), html, json or stix.")
    String format;

    @Option(
        names = {"-o", "--output"},
        paramLabel = "FILE",
        description = "Write here.")
    Path output;

    @Option(
        names = "--navigator",
        paramLabel = "FILE",
        description = "Also write the threat and coverage Navigator layers (format 4.5) here.")
    Path navigator;

    @Option(
        names = "--sbom",
        paramLabel = "FILE",
        description = "A CycloneDX BOM or Bulwark JSON report of the stack (repeatable).")
    List<Path> sboms = new ArrayList<>();

    @Option(
        names = "--rules",
        paramLabel = "DIR",
        description = "Sigma rules in force (repeatable), beside Bulwark's own pack.")
    List<Path> rules = new ArrayList<>();

    @Option(
        names = "--catalog",
        paramLabel = "DIR",
        description = "Sigma rules to propose for gaps, e.g. a SigmaHQ checkout (repeatable).")
    List<Path> catalog = new ArrayList<>();

    @Option(
        names = "--evidence",
        paramLabel = "FILE",
        description = "Bulwark JSON reports of hunts: techniques seen count as detected.")
    List<Path> evidence = new ArrayList<>();

    @Option(
        names = "--no-builtin-rules",
        description = "Do not count Bulwark's own Sigma pack as in force.")
    boolean noBuiltIn;

    @Option(
        names = "--publish",
        description =
            "Also leave the report in the data directory, where the server's console page"
                + " (/console/intel) shows it.")
    boolean publish;

    @Option(
        names = "--llm",
        description =
            "Have the configured LLM (llm: in bulwark.yaml or BULWARK_LLM_*) write an executive"
                + " summary from the report's facts; a sentence stating anything its cited facts"
                + " do not is dropped.")
    boolean llm;

    @Option(
        names = "--at",
        paramLabel = "TIME",
        description = "Report time (ISO-8601 instant; default: now), for recency and due dates.")
    Instant at;

    @Override
    public Integer call() throws Exception {
      BulwarkConfig cfg = Configs.load(config, Path.of("."));
      String where = cfg.sourceFile().map(Path::toString).orElse("bulwark.yaml");
      OrgProfile profile =
          OrgProfile.fromSection(cfg.section("intel"), cfg.baseDir(), where)
              .withInputs(concat(sboms, evidence), rules, catalog, List.of());
      PrintWriter err = spec.commandLine().getErr();
      java.util.Optional<dev.bulwark.intel.summary.SummaryWriter> summary =
          java.util.Optional.empty();
      if (llm) {
        Configs.LlmSection llmConfig =
            Configs.llmSection(
                config, cfg, System.getenv(), w -> err.println("bulwark: warning: " + w));
        java.util.Optional<dev.bulwark.ai.llm.LlmSettings> settings =
            dev.bulwark.ai.llm.LlmSettings.resolve(
                llmConfig.section(), System.getenv(), llmConfig.baseDir());
        if (settings.isEmpty()) {
          throw new InputException(
              "--llm: no model is configured (llm.endpoint and llm.model in bulwark.yaml, or"
                  + " BULWARK_LLM_ENDPOINT and BULWARK_LLM_MODEL)");
        }
        summary =
            java.util.Optional.of(
                new dev.bulwark.intel.summary.SummaryWriter(
                    settings.get().client(),
                    dev.bulwark.core.verify.ProposalLog.in(dataDir.dir())));
      }
      IntelService.Rendered r =
          new ThreatIntelService(dataDir.dir())
              .report(
                  profile,
                  !noBuiltIn,
                  IntelService.Format.parse(format),
                  at == null ? Instant.now() : at,
                  p -> err.println("skipped " + p),
                  summary);
      if (output != null) {
        Files.writeString(output, r.document());
      } else {
        spec.commandLine().getOut().print(r.document());
      }
      if (navigator != null) {
        Files.writeString(
            navigator,
            StixBundleReader.mapper()
                .writerWithDefaultPrettyPrinter()
                .writeValueAsString(r.navigator()));
      }
      IntelReport rep = r.report();
      if (publish) {
        err.println("published to " + IntelService.publish(dataDir.dir(), rep));
      }
      if (rep.summary().present()) {
        err.printf(
            "executive summary: %d sentences kept, %d dropped by the fact check%n",
            rep.summary().sentences().size(), rep.summary().dropped().size());
      }
      err.printf(
          "%d actors ranked; %d techniques, %d gaps, weighted coverage %.1f %%; %d KEV in stack%n",
          rep.actors().size(),
          rep.coverage().techniques(),
          rep.coverage().gaps(),
          rep.coverage().weightedCoverage() * 100,
          rep.kevInStack().size());
      err.flush();
      spec.commandLine().getOut().flush();
      return ExitCodes.OK;
    }

    private static List<Path> concat(List<Path> a, List<Path> b) {
      List<Path> out = new ArrayList<>(a);
      out.addAll(b);
      return out;
    }
  }

  @Command(
      name = "match",
      mixinStandardHelpOptions = true,
      description = {
        "Look for the imported indicators in a folder of logs, Bulwark reports and mail indicators.",
        "Each line of a text log, each finding of a Bulwark JSON report and each file's hashes is a"
            + " record; STIX patterns over IPv4/IPv6 addresses, domains, URLs, mail addresses and"
            + " file hashes are compared, other patterns are listed as not supported.",
        "Packet captures and mail are matched through what Bulwark wrote of them (scan or logs"
            + " hunt reports, Zeek logs, mail check --indicators)."
      })
  static final class Match implements Callable<Integer> {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;
    @picocli.CommandLine.Mixin CommonOptions.DataDirectory dataDir;
    @picocli.CommandLine.Mixin OutputPolicy outputPolicy;

    @Parameters(arity = "1..*", paramLabel = "FILE|DIR")
    List<Path> paths;

    @Option(
        names = "--stix",
        paramLabel = "FILE",
        description = "Write the matches as a STIX 2.1 bundle of sightings.")
    Path stixFile;

    @Option(
        names = "--organisation",
        paramLabel = "NAME",
        defaultValue = "the organisation",
        description = "Who sighted the indicators, in the STIX bundle.")
    String organisation;

    @Option(
        names = "--show-refused",
        description = "List every indicator whose pattern is not compared, with the reason.")
    boolean showRefused;

    @Override
    public Integer call() throws Exception {
      dev.bulwark.core.files.OutputFile stixOut = outputPolicy.check(stixFile, paths);
      PrintWriter err = spec.commandLine().getErr();
      dev.bulwark.intel.indicator.IndicatorMatcher.Result r =
          new ThreatIntelService(dataDir.dir()).match(paths, p -> err.println("skipped " + p));
      PrintWriter out = spec.commandLine().getOut();
      for (var m : r.matches()) {
        out.printf(
            "%s  %s  %d record(s)%n    %s%n",
            m.indicator().path("name").asText(m.id()),
            m.id(),
            m.count(),
            dev.bulwark.core.terminal.TerminalText.line(m.indicator().path("pattern").asText()));
        for (var h : m.hits().subList(0, Math.min(5, m.hits().size()))) {
          out.printf(
              "    %s (%s): %s%n",
              dev.bulwark.core.terminal.TerminalText.line(h.source()),
              h.locator(),
              String.join(
                  ", ",
                  h.values().stream()
                      .map(v -> dev.bulwark.core.terminal.TerminalText.line(v.value()))
                      .toList()));
        }
      }
      if (showRefused) {
        for (var x : r.refused()) {
          out.printf(
              "not compared: %s %s: %s%n",
              x.id(), dev.bulwark.core.terminal.TerminalText.line(x.name()), x.reason());
        }
      }
      out.printf(
          "%d of %d indicators matched in %d records; %d not compared (unsupported patterns%s)%n",
          r.matches().size(),
          r.indicators(),
          r.records(),
          r.refused().size(),
          showRefused || r.refused().isEmpty() ? "" : "; --show-refused lists them");
      if (stixOut != null) {
        JsonNode bundle =
            dev.bulwark.intel.indicator.IndicatorBundles.sightings(r, organisation, Instant.now());
        writeBundle(bundle, stixOut);
      }
      out.flush();
      err.flush();
      return r.matches().isEmpty() ? ExitCodes.OK : ExitCodes.FINDINGS;
    }
  }

  @Command(
      name = "indicators",
      mixinStandardHelpOptions = true,
      description = {
        "Export the indicators Bulwark's detections extracted as a STIX 2.1 bundle.",
        "Reads JSON reports of scan, logs hunt and mail check (mail, net and logs findings) and"
            + " mail check --indicators files; each distinct address, domain, URL, mail address or"
            + " hash becomes an indicator with the observed data and a sighting behind it.",
        "The organisation's own addresses (private, loopback, link-local, a network finding's"
            + " originating host) are left out."
      })
  static final class Indicators implements Callable<Integer> {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;
    @picocli.CommandLine.Mixin CommonOptions.DataDirectory dataDir;
    @picocli.CommandLine.Mixin OutputPolicy outputPolicy;

    @Parameters(arity = "1..*", paramLabel = "REPORT")
    List<Path> reports;

    @Option(
        names = {"-o", "--output"},
        paramLabel = "FILE",
        description = "Write the bundle here (default: standard output).")
    Path output;

    @Option(
        names = "--organisation",
        paramLabel = "NAME",
        defaultValue = "the organisation",
        description = "Who sighted the indicators.")
    String organisation;

    @Option(
        names = "--store",
        description = "Also keep the indicators in the intel store for later 'intel match' runs.")
    boolean store;

    @Override
    public Integer call() throws Exception {
      dev.bulwark.core.files.OutputFile out = outputPolicy.check(output, reports);
      JsonNode bundle =
          new ThreatIntelService(dataDir.dir())
              .indicators(reports, organisation, Instant.now(), store);
      List<String> errors = StixValidator.validate(bundle);
      if (!errors.isEmpty()) {
        throw new IllegalStateException("the indicator bundle does not validate: " + errors);
      }
      long indicators = 0;
      for (JsonNode o : bundle.path("objects")) {
        indicators += o.path("type").asText().equals("indicator") ? 1 : 0;
      }
      if (out == null) {
        spec.commandLine()
            .getOut()
            .println(
                StixBundleReader.mapper()
                    .writerWithDefaultPrettyPrinter()
                    .writeValueAsString(bundle));
      } else {
        writeBundle(bundle, out);
      }
      PrintWriter err = spec.commandLine().getErr();
      err.printf(
          "%d indicators from %d report(s)%s%n",
          indicators, reports.size(), store ? "; kept in the intel store" : "");
      err.flush();
      spec.commandLine().getOut().flush();
      return ExitCodes.OK;
    }
  }

  private static void writeBundle(JsonNode bundle, dev.bulwark.core.files.OutputFile out)
      throws IOException {
    out.write(
        os -> StixBundleReader.mapper().writerWithDefaultPrettyPrinter().writeValue(os, bundle));
  }

  @Command(
      name = "validate",
      mixinStandardHelpOptions = true,
      description = "Check a Navigator layer file (format 4.5) or a STIX 2.1 bundle.")
  static final class Validate implements Callable<Integer> {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "FILE")
    Path file;

    @Override
    public Integer call() throws Exception {
      JsonNode doc;
      try {
        doc = StixBundleReader.mapper().readTree(file.toFile());
      } catch (IOException e) {
        throw new InputException(file + ": not JSON: " + e.getMessage(), e);
      }
      boolean stix = "bundle".equals(doc.path("type").asText());
      List<String> errors = stix ? StixValidator.validate(doc) : NavigatorLayers.validate(doc);
      PrintWriter out = spec.commandLine().getOut();
      errors.forEach(e -> out.println(file + ": " + e));
      out.printf(
          "%s: %s %s%n",
          file,
          stix ? "STIX 2.1 bundle" : "Navigator layer file",
          errors.isEmpty() ? "valid" : "has " + errors.size() + " errors");
      out.flush();
      return errors.isEmpty() ? ExitCodes.OK : ExitCodes.FINDINGS;
    }
  }
}
