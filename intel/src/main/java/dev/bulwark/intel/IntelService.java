package dev.bulwark.intel;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.core.errors.InputException;
import dev.bulwark.intel.analysis.IntelAnalysis;
import dev.bulwark.intel.analysis.IntelReport;
import dev.bulwark.intel.analysis.ThreatCatalog;
import dev.bulwark.intel.feed.ImportResult;
import dev.bulwark.intel.feed.IntelImporter;
import dev.bulwark.intel.feed.TaxiiClient;
import dev.bulwark.intel.indicator.IndicatorBundles;
import dev.bulwark.intel.indicator.IndicatorMatcher;
import dev.bulwark.intel.indicator.Records;
import dev.bulwark.intel.indicator.ReportValues;
import dev.bulwark.intel.profile.OrgProfile;
import dev.bulwark.intel.profile.SigmaRule;
import dev.bulwark.intel.profile.SigmaRules;
import dev.bulwark.intel.profile.Stack;
import dev.bulwark.intel.render.Html;
import dev.bulwark.intel.render.JsonReport;
import dev.bulwark.intel.render.Markdown;
import dev.bulwark.intel.render.NavigatorLayers;
import dev.bulwark.intel.render.StixReport;
import dev.bulwark.intel.stix.StixBundleReader;
import dev.bulwark.intel.store.IntelStore;
import dev.bulwark.intel.summary.SummaryWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The intel capability's entry points over the store in a data directory: import files, sync from
 * TAXII, and compute and render a report tailored to an organisation's profile.
 */
public final class IntelService {
  private final Path dataDir;

  public IntelService(Path dataDir) {
    this.dataDir = dataDir;
  }

  /** What an import did, with the store's figures afterwards. */
  public record Imported(List<ImportResult> files, IntelStore.Stats stats, long millis) {}

  public Imported importPaths(List<Path> paths, Consumer<String> problems) throws InputException {
    long t0 = System.nanoTime();
    List<ImportResult> out = new ArrayList<>();
    IntelStore.Stats stats;
    try (IntelStore store = IntelStore.open(dataDir)) {
      IntelImporter importer = new IntelImporter(store, problems);
      for (Path p : paths) {
        out.addAll(importer.importPath(p));
      }
      store.flush();
      stats = null;
    }
    // the file size is read after the store has been closed and compacted
    try (IntelStore store = IntelStore.open(dataDir)) {
      stats = store.stats();
    }
    return new Imported(out, stats, (System.nanoTime() - t0) / 1_000_000);
  }

  public List<TaxiiClient.CollectionSync> sync(URI url, String collection, String authorization)
      throws InputException {
    try (IntelStore store = IntelStore.open(dataDir)) {
      return new TaxiiClient(store, authorization).sync(url, collection);
    }
  }

  public IntelStore.Stats stats() throws InputException {
    try (IntelStore store = IntelStore.open(dataDir)) {
      return store.stats();
    }
  }

  /**
   * Matches the store's indicators against the records of {@code paths} ({@link
   * dev.bulwark.intel.indicator.Records}).
   */
  public IndicatorMatcher.Result match(List<Path> paths, Consumer<String> problems)
      throws InputException {
    IndicatorMatcher m = new IndicatorMatcher();
    try (IntelStore store = IntelStore.open(dataDir)) {
      store.forEach("indicator", m::add);
    }
    Records.read(paths, m::accept, problems);
    return m.result();
  }

  /**
   * The indicators Bulwark's detections extracted from {@code reports} as a STIX bundle; with
   * {@code keep}, also stored, so that a later {@code intel match} looks for them.
   */
  public JsonNode indicators(List<Path> reports, String organisation, Instant at, boolean keep)
      throws InputException {
    List<IndicatorBundles.FindingValues> all = new ArrayList<>();
    for (Path r : reports) {
      all.addAll(ReportValues.read(r));
    }
    JsonNode bundle = IndicatorBundles.export(all, organisation, at);
    if (keep) {
      try (IntelStore store = IntelStore.open(dataDir)) {
        for (JsonNode o : bundle.path("objects")) {
          store.put(o, "intel indicators");
        }
      }
    }
    return bundle;
  }

  /**
   * Where {@code intel report --publish} leaves the report for the server's console page, inside
   * the data directory.
   */
  public static final String PUBLISHED = "intel/report.json";

  /** Writes the report as JSON where the console reads it (replacing the file whole). */
  public static Path publish(Path dataDir, IntelReport r) throws InputException {
    Path file = dataDir.resolve(PUBLISHED);
    try {
      java.nio.file.Files.createDirectories(file.getParent());
      Path tmp = java.nio.file.Files.createTempFile(file.getParent(), "report", ".tmp");
      java.nio.file.Files.writeString(tmp, JsonReport.render(r));
      java.nio.file.Files.move(
          tmp,
          file,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      return file;
    } catch (java.io.IOException e) {
      throw new InputException(file + ": cannot publish the report: " + e.getMessage(), e);
    }
  }

  /** The report last published in {@code dataDir}, if any. */
  public static Optional<IntelReport> published(Path dataDir) throws InputException {
    Path file = dataDir.resolve(PUBLISHED);
    if (!java.nio.file.Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(StixBundleReader.mapper().readValue(file.toFile(), IntelReport.class));
    } catch (java.io.IOException e) {
      throw new InputException(file + ": not an intel report: " + e.getMessage(), e);
    }
  }

  /** Output formats of {@code intel report}. */
  public enum Format {
    MD,
    HTML,
    JSON,
    STIX;

    public static Format parse(String s) throws InputException {
      return switch (s.toLowerCase(Locale.ROOT)) {
        case "md", "markdown" -> MD;
        case "html" -> HTML;
        case "json" -> JSON;
        case "stix" -> STIX;
        default ->
            throw new InputException("--format must be md, html, json or stix, got '" + s + "'");
      };
    }
  }

  /** A computed report with its renderings. */
  public record Rendered(IntelReport report, String document, JsonNode navigator) {}

  /**
   * Computes the report for {@code profile}; {@code extraRules} are rules in force handed over by
   * the caller (e.g. the built-in pack), beside those the profile names.
   */
  public Rendered report(
      OrgProfile profile,
      List<SigmaRule> extraRules,
      Format format,
      Instant at,
      Consumer<String> problems)
      throws InputException {
    return report(profile, extraRules, format, at, problems, Optional.empty());
  }

  /**
   * As {@link #report(OrgProfile, List, Format, Instant, Consumer)}, with an executive summary a
   * model writes from the report's facts and {@code summary} checks sentence by sentence.
   */
  public Rendered report(
      OrgProfile profile,
      List<SigmaRule> extraRules,
      Format format,
      Instant at,
      Consumer<String> problems,
      Optional<SummaryWriter> summary)
      throws InputException {
    try (IntelStore store = IntelStore.open(dataDir)) {
      ThreatCatalog catalog = ThreatCatalog.load(store);
      if (catalog.techniques().isEmpty()) {
        throw new InputException(
            dataDir.resolve("intel")
                + ": the intel store holds no ATT&CK techniques; run"
                + " 'bulwark intel import' with the ATT&CK bundles first");
      }
      Stack stack = Stack.read(profile.sboms(), problems);
      List<SigmaRule> inForce = new ArrayList<>(extraRules);
      inForce.addAll(SigmaRules.read(profile.rules(), problems));
      List<SigmaRule> candidates = SigmaRules.read(profile.catalog(), problems);
      IntelReport r =
          new IntelAnalysis()
              .analyse(new IntelAnalysis.Inputs(profile, catalog, stack, inForce, candidates, at));
      if (summary.isPresent()) {
        try {
          r = r.withSummary(summary.get().write(r));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new InputException("interrupted while the model wrote the summary", e);
        }
      }
      JsonNode layers = NavigatorLayers.render(r, attackVersion(store));
      List<String> layerErrors = NavigatorLayers.validate(layers);
      if (!layerErrors.isEmpty()) {
        throw new IllegalStateException("Navigator layer does not validate: " + layerErrors);
      }
      String doc =
          switch (format) {
            case MD -> Markdown.render(r);
            case HTML -> Html.render(r);
            case JSON -> JsonReport.render(r);
            case STIX -> stix(r, store);
          };
      return new Rendered(r, doc, layers);
    }
  }

  private static String stix(IntelReport r, IntelStore store) throws InputException {
    JsonNode bundle =
        StixReport.render(
            r,
            new StixReport.Lookup() {
              @Override
              public Optional<JsonNode> byId(String id) throws InputException {
                return store.get(id);
              }

              @Override
              public Optional<JsonNode> byExternalId(String externalId, String type)
                  throws InputException {
                for (String id : store.idsByExternalId(externalId)) {
                  if (id.startsWith(type + "--")) {
                    Optional<JsonNode> o = store.get(id);
                    if (o.isPresent()
                        && !o.get().path("revoked").asBoolean(false)
                        && !o.get().path("x_mitre_deprecated").asBoolean(false)) {
                      return o;
                    }
                  }
                }
                return Optional.empty();
              }
            });
    try {
      return StixBundleReader.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(bundle)
          + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
  }

  /** The ATT&CK release the store holds, from its collection object when present. */
  private static String attackVersion(IntelStore store) throws InputException {
    for (JsonNode c : store.active("x-mitre-collection")) {
      if (!c.path("name").asText("").contains("Enterprise")) {
        continue;
      }
      String v = c.path("x_mitre_version").asText("");
      if (!v.isEmpty()) {
        return v.contains(".") ? v.substring(0, v.indexOf('.')) : v;
      }
    }
    return "18";
  }
}
