package dev.bulwark.eval.triage;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.code.CodeAnalyzer;
import dev.bulwark.core.analysis.AnalysisException;
import dev.bulwark.core.analysis.Analyzer;
import dev.bulwark.core.analysis.Cancellation;
import dev.bulwark.core.analysis.Progress;
import dev.bulwark.core.analysis.ScanContext;
import dev.bulwark.core.analysis.ScanOptions;
import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.core.errors.Diagnostic;
import dev.bulwark.core.errors.InputException;
import dev.bulwark.core.files.SourceTree;
import dev.bulwark.core.files.WalkOptions;
import dev.bulwark.core.model.Finding;
import dev.bulwark.core.model.Label;
import dev.bulwark.core.model.Location;
import dev.bulwark.core.model.TaxonomyRef;
import dev.bulwark.core.model.Verdict;
import dev.bulwark.core.report.ToolInfo;
import dev.bulwark.core.text.Csv;
import dev.bulwark.eval.sast.SastSuite;
import dev.bulwark.secrets.SecretsAnalyzer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Builds the example verdicts behind {@code bulwark eval triage} from Bulwark's own labelled
 * corpora, so every verdict is ground truth rather than opinion:
 *
 * <ul>
 *   <li>the secrets corpus scanned with {@code secrets.report-filtered: true}, i.e. every pattern
 *       match including those the entropy, placeholder and allowlist checks would drop, judged by
 *       the corpus's {@code labels.csv} (a secret line is a true positive, anything else false);
 *   <li>the code-scanning suite's findings, judged by its expected results (true when the case is
 *       vulnerable and the finding's CWE is the case's);
 *   <li>the demo project's findings, judged by hand in {@code webshop-verdicts.csv}.
 * </ul>
 */
public final class TriageLabels {
  private TriageLabels() {}

  static final Instant AT = Instant.parse("2026-11-26T00:00:00Z");
  static final String BY_CORPUS = "corpus ground truth";

  public static List<Label> build(Path home)
      throws InputException, IOException, InterruptedException {
    String tool = ToolInfo.current().name() + " " + ToolInfo.current().version();
    List<Label> out = new ArrayList<>();
    out.addAll(secrets(home.resolve("corpora/secrets"), tool));
    out.addAll(code(home.resolve("corpora/sast"), tool));
    out.addAll(webshop(home, tool));
    Map<String, Label> unique = new LinkedHashMap<>();
    for (Label l : out) {
      unique.putIfAbsent(l.fingerprint(), l);
    }
    return new ArrayList<>(unique.values());
  }

  private static List<Label> secrets(Path corpus, String tool)
      throws InputException, IOException, InterruptedException {
    Map<String, Boolean> truth = new HashMap<>();
    for (Csv.Row row : Csv.read(corpus.resolve("labels.csv"), 4)) {
      truth.put(
          row.get(0) + ":" + row.get(1), row.get(2).toLowerCase(Locale.ROOT).equals("secret"));
    }
    ObjectNode cfg = JsonNodeFactory.instance.objectNode();
    cfg.putObject("secrets").put("report-filtered", true);
    List<Finding> findings = scan(corpus.resolve("files"), new SecretsAnalyzer(), cfg);
    List<Label> out = new ArrayList<>();
    for (Finding f : findings) {
      Location.File loc = (Location.File) f.primaryLocation();
      boolean secret = truth.getOrDefault(loc.path() + ":" + loc.region().startLine(), false);
      out.add(
          Label.of(
              f,
              secret ? Verdict.TP : Verdict.FP,
              null,
              secret ? "a real secret in the corpus" : "not a secret: " + hint(loc.path()),
              BY_CORPUS,
              AT,
              tool));
    }
    return out;
  }

  private static String hint(String path) {
    return "labelled benign or unlabelled in " + path;
  }

  private static List<Label> code(Path suite, String tool)
      throws InputException, IOException, InterruptedException {
    Map<String, SastSuite.Case> cases = new HashMap<>();
    for (SastSuite.Case c : SastSuite.expected(suite.resolve("expectedresults.csv"))) {
      cases.put(c.name(), c);
    }
    List<Label> out = new ArrayList<>();
    for (Finding f : scan(suite, new CodeAnalyzer(), null)) {
      String path = f.primaryLocation().artifactPath().orElse("");
      String file = path.substring(path.lastIndexOf('/') + 1).replaceFirst("\\.java$", "");
      SastSuite.Case c = cases.get(file);
      if (c == null) {
        continue; // a helper class, not a test case: no ground truth
      }
      boolean cweMatches =
          f.taxa().stream()
              .anyMatch(t ->
                  t.taxonomy() == TaxonomyRef.Taxonomy.CWE
                      && t.id().equals(Integer.toString(c.cwe())));
      boolean tp = c.vulnerable() && cweMatches;
      out.add(
          Label.of(
              f,
              tp ? Verdict.TP : Verdict.FP,
              null,
              (tp ? "vulnerable case " : "safe case ") + c.name() + " (" + c.category() + ")",
              BY_CORPUS,
              AT,
              tool));
    }
    return out;
  }

  private static List<Label> webshop(Path home, String tool)
      throws InputException, IOException, InterruptedException {
    Path verdicts = home.resolve("corpora/triage/webshop-verdicts.csv");
    Map<String, Csv.Row> byPlace = new HashMap<>();
    for (Csv.Row row : Csv.read(verdicts, 4)) {
      byPlace.put(row.get(0) + "@" + row.get(1) + ":" + row.get(2), row);
    }
    Path project = home.resolve("examples/webshop");
    List<Finding> findings = new ArrayList<>(scan(project, new SecretsAnalyzer(), null));
    findings.addAll(scan(project, new CodeAnalyzer(), null));
    List<Label> out = new ArrayList<>();
    for (Finding f : findings) {
      Location.File loc = (Location.File) f.primaryLocation();
      String place = f.ruleId() + "@" + loc.path() + ":" + loc.region().startLine();
      Csv.Row row = byPlace.remove(place);
      if (row == null) {
        throw new InputException(
            verdicts
                + ": no verdict for the demo project's finding "
                + place
                + " (add a line for it)");
      }
      out.add(
          Label.of(
              f, Verdict.parse(row.get(3)), null, row.get(4), "bulwark maintainers", AT, tool));
    }
    if (!byPlace.isEmpty()) {
      throw new InputException(
          verdicts + ": verdicts for findings the demo project no longer has: " + byPlace.keySet());
    }
    return out;
  }

  private static List<Finding> scan(Path dir, Analyzer analyzer, ObjectNode config)
      throws InputException, IOException, InterruptedException {
    ConcurrentLinkedQueue<Diagnostic> diagnostics = new ConcurrentLinkedQueue<>();
    SourceTree tree =
        SourceTree.walk(
            List.of(dir),
            new WalkOptions(List.of(), List.of("**/target/**"), false, false),
            diagnostics::add);
    BulwarkConfig cfg =
        config == null
            ? BulwarkConfig.empty(tree.baseDir())
            : new BulwarkConfig(
                null, tree.baseDir(), List.of(), List.of(), null, List.of(), List.of(), config);
    ConcurrentLinkedQueue<Finding> findings = new ConcurrentLinkedQueue<>();
    try {
      analyzer.analyze(
          new ScanContext(
              tree,
              cfg,
              ScanOptions.defaults(),
              Progress.none(),
              diagnostics::add,
              new Cancellation()),
          findings::add);
    } catch (AnalysisException e) {
      throw new InputException(
          analyzer.info().id() + " failed on " + dir + ": " + e.getMessage(), e);
    }
    List<Finding> sorted = new ArrayList<>(findings);
    sorted.sort(
        Comparator.comparing((Finding f) -> f.primaryLocation().display())
            .thenComparing(Finding::ruleId));
    return sorted;
  }

  /** Writes labels with the shipped file's layout (one JSON object per line, stable order). */
  public static void write(Path file, List<Label> labels) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    dev.bulwark.triage.label.LabelStore.write(file, labels);
  }
}
