package dev.bulwark.config;

import dev.bulwark.config.doc.ConfigDocument;
import dev.bulwark.config.doc.ParseException;
import dev.bulwark.config.parse.ConfigFiles;
import dev.bulwark.config.rules.ConfigRule;
import dev.bulwark.config.rules.RuleEngine;
import dev.bulwark.config.rules.RuleLoader;
import dev.bulwark.core.analysis.AnalysisException;
import dev.bulwark.core.analysis.Analyzer;
import dev.bulwark.core.analysis.AnalyzerInfo;
import dev.bulwark.core.analysis.FindingSink;
import dev.bulwark.core.analysis.Parallel;
import dev.bulwark.core.analysis.Phase;
import dev.bulwark.core.analysis.ScanContext;
import dev.bulwark.core.errors.Diagnostic;
import dev.bulwark.core.errors.InputException;
import dev.bulwark.core.files.SourceFile;
import dev.bulwark.core.model.Confidence;
import dev.bulwark.core.model.Finding;
import dev.bulwark.core.model.Location;
import dev.bulwark.core.model.Region;
import dev.bulwark.core.model.RuleDescriptor;
import dev.bulwark.core.model.TaxonomyRef;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Secure defaults in configuration: Dockerfiles, Kubernetes manifests, compose files, Terraform and
 * GitHub Actions workflows, each parsed by a real parser and checked by the rules in {@code
 * rules/config/}. A file that does not parse is a diagnostic naming the file and line; Helm
 * templates are skipped with a note.
 */
public final class ConfigAnalyzer implements Analyzer {
  public static final String ID = "config";
  static final long MAX_FILE_BYTES = 2L * 1024 * 1024;

  private static final AnalyzerInfo INFO =
      new AnalyzerInfo(
          ID,
          "Configuration",
          "Insecure defaults in Dockerfiles, Kubernetes, compose, Terraform and CI workflows",
          Phase.FILES);

  private volatile RuleEngine engine;

  @Override
  public AnalyzerInfo info() {
    return INFO;
  }

  RuleEngine engine() throws InputException {
    RuleEngine e = engine;
    if (e == null) {
      e = new RuleEngine(RuleLoader.builtIn());
      engine = e;
    }
    return e;
  }

  @Override
  public List<RuleDescriptor> rules() {
    try {
      return engine().rules().stream().map(ConfigAnalyzer::descriptor).toList();
    } catch (InputException e) {
      throw new IllegalStateException(
          "built-in configuration rules do not load: " + e.getMessage(), e);
    }
  }

  static RuleDescriptor descriptor(ConfigRule r) {
    return new RuleDescriptor(
        r.id(),
        r.title(),
        r.title(),
        r.remediation() == null ? r.message() : r.message() + " " + r.remediation(),
        r.severity(),
        taxa(r),
        List.of("configuration", r.kind().id()));
  }

  private static List<TaxonomyRef> taxa(ConfigRule r) {
    List<TaxonomyRef> taxa = new ArrayList<>();
    r.cwes().forEach(c -> taxa.add(TaxonomyRef.cwe(c)));
    r.controls().forEach(c -> taxa.add(new TaxonomyRef(TaxonomyRef.Taxonomy.OSCAL, c)));
    return taxa;
  }

  @Override
  public boolean appliesTo(ScanContext context) {
    return context.tree().files().stream().anyMatch(f -> classify(f).isPresent());
  }

  private static Optional<ConfigFiles.Classified> classify(SourceFile f) {
    if (f.relativePath().contains("!/")) {
      return Optional.empty(); // entries inside archives are not configuration of this tree
    }
    return ConfigFiles.classify(f.relativePath(), f.path());
  }

  @Override
  public void analyze(ScanContext ctx, FindingSink sink)
      throws AnalysisException, InterruptedException {
    RuleEngine rules;
    try {
      rules = engine();
    } catch (InputException e) {
      throw new AnalysisException(e.getMessage(), e);
    }
    List<SourceFile> files = new ArrayList<>();
    int templates = 0;
    for (SourceFile f : ctx.tree().files()) {
      Optional<ConfigFiles.Classified> c = classify(f);
      if (c.isEmpty()) {
        continue;
      }
      if (c.get().role() == ConfigFiles.Role.HELM_TEMPLATE) {
        templates++;
        continue;
      }
      files.add(f);
    }
    if (templates > 0) {
      ctx.diagnostics()
          .report(
              Diagnostic.note(
                  ID,
                  null,
                  templates
                      + " Helm template file(s) skipped: Go templates are checked once rendered"
                      + " (helm template … > rendered.yaml)"));
    }
    Parallel.forEach(
        files,
        ctx.options().threads(),
        ctx.cancellation(),
        f -> check(ctx, rules, f, classify(f).orElseThrow(), sink));
  }

  private static void check(
      ScanContext ctx, RuleEngine rules, SourceFile f, ConfigFiles.Classified c, FindingSink sink) {
    String text;
    try {
      if (f.size() > MAX_FILE_BYTES) {
        ctx.diagnostics()
            .report(Diagnostic.warning(ID, f.relativePath(), "larger than 2 MiB, not checked"));
        return;
      }
      text = Files.readString(f.path());
    } catch (MalformedInputException e) {
      ctx.diagnostics().report(Diagnostic.error(ID, f.relativePath(), "not UTF-8 text"));
      return;
    } catch (IOException e) {
      ctx.diagnostics()
          .report(Diagnostic.error(ID, f.relativePath(), "unreadable: " + e.getMessage()));
      return;
    }
    List<ConfigDocument> docs;
    try {
      docs = ConfigFiles.read(c.kind(), f.relativePath(), text);
    } catch (ParseException e) {
      if (c.kind() != dev.bulwark.config.doc.ConfigKind.DOCKERFILE
          && c.kind() != dev.bulwark.config.doc.ConfigKind.TERRAFORM
          && ConfigFiles.isPlaceholderTemplate(text)) {
        ctx.diagnostics()
            .report(
                Diagnostic.note(
                    ID, f.relativePath(), "a template with {{ }} placeholders, not checked"));
        return;
      }
      ctx.diagnostics().report(Diagnostic.error(ID, f.relativePath(), e.getMessage()));
      return;
    } catch (RuntimeException | StackOverflowError e) {
      // a parser library failing on hostile input costs this file, never the scan
      ctx.diagnostics()
          .report(
              Diagnostic.error(
                  ID, f.relativePath(), "cannot be parsed: " + e.getClass().getSimpleName()));
      return;
    }
    for (ConfigDocument d : docs) {
      for (RuleEngine.Hit h : rules.evaluate(d)) {
        sink.accept(finding(h));
      }
    }
  }

  static Finding finding(RuleEngine.Hit h) {
    ConfigRule r = h.rule();
    String snippet = h.snippet();
    if (snippet != null && snippet.length() > 200) {
      snippet = snippet.substring(0, 200);
    }
    return Finding.builder(ID, r.id())
        .title(r.title())
        .message(r.message())
        .severity(r.severity())
        .confidence(Confidence.HIGH)
        .location(new Location.File(h.document().path(), Region.line(h.line()), snippet))
        .taxa(taxa(r))
        .remediation(r.remediation())
        .identity(h.document().index() + ":" + h.line())
        .build();
  }
}
