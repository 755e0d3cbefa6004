package dev.bulwark.core.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.analysis.AnalysisException;
import dev.bulwark.core.analysis.Analyzer;
import dev.bulwark.core.analysis.AnalyzerInfo;
import dev.bulwark.core.analysis.Cancellation;
import dev.bulwark.core.analysis.FindingSink;
import dev.bulwark.core.analysis.Phase;
import dev.bulwark.core.analysis.Progress;
import dev.bulwark.core.analysis.ScanContext;
import dev.bulwark.core.analysis.ScanOptions;
import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.core.config.ConfigLoader;
import dev.bulwark.core.errors.InputException;
import dev.bulwark.core.files.SourceFile;
import dev.bulwark.core.model.Finding;
import dev.bulwark.core.model.Location;
import dev.bulwark.core.model.Region;
import dev.bulwark.core.model.RuleDescriptor;
import dev.bulwark.core.model.Severity;
import dev.bulwark.core.report.AnalyzerRun;
import dev.bulwark.core.report.ScanReport;
import dev.bulwark.core.report.SuppressedFinding;
import dev.bulwark.core.suppress.Baseline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScannerTest {
  @TempDir Path dir;

  /** Reports one finding on every line that contains "TODO". */
  static final class TodoAnalyzer implements Analyzer {
    @Override
    public AnalyzerInfo info() {
      return new AnalyzerInfo("todo", "TODO finder", "finds TODO", Phase.FILES);
    }

    @Override
    public List<RuleDescriptor> rules() {
      return List.of(
          new RuleDescriptor("todo", "TODO", "a TODO", null, Severity.LOW, List.of(), List.of()));
    }

    @Override
    public boolean appliesTo(ScanContext context) {
      return true;
    }

    @Override
    public void analyze(ScanContext ctx, FindingSink sink) throws AnalysisException {
      for (SourceFile f : ctx.tree().files()) {
        List<String> lines;
        try {
          lines = Files.readAllLines(f.path());
        } catch (IOException e) {
          throw new AnalysisException("cannot read " + f.relativePath(), e);
        }
        for (int i = 0; i < lines.size(); i++) {
          if (lines.get(i).contains("TODO")) {
            sink.accept(
                Finding.builder("todo", "todo")
                    .title("TODO")
                    .message("a TODO")
                    .severity(Severity.LOW)
                    .location(new Location.File(f.relativePath(), Region.line(i + 1), "TODO"))
                    .build());
          }
        }
      }
    }
  }

  static final class BrokenAnalyzer implements Analyzer {
    @Override
    public AnalyzerInfo info() {
      return new AnalyzerInfo("broken", "Broken", "always fails", Phase.CODE);
    }

    @Override
    public List<RuleDescriptor> rules() {
      return List.of();
    }

    @Override
    public boolean appliesTo(ScanContext context) {
      return true;
    }

    @Override
    public void analyze(ScanContext ctx, FindingSink sink) {
      throw new IllegalStateException("boom");
    }
  }

  private ScanReport scan(BulwarkConfig config, Optional<Baseline> baseline) throws Exception {
    return new Scanner(List.of(new TodoAnalyzer(), new BrokenAnalyzer()))
        .scan(
            new ScanRequest(List.of(dir), ScanOptions.defaults(), config, baseline),
            Progress.none(),
            new Cancellation());
  }

  @Test
  void failingAnalyzer_becomesADiagnostic_andOthersStillReport() throws Exception {
    Files.writeString(dir.resolve("a.txt"), "TODO one\n");
    ScanReport r = scan(BulwarkConfig.empty(dir), Optional.empty());
    assertThat(r.findings()).hasSize(1);
    assertThat(r.diagnostics())
        .anyMatch(d -> d.source().equals("broken") && d.message().contains("boom"));
    assertThat(r.scan().analyzers())
        .extracting(AnalyzerRun::status)
        .contains(AnalyzerRun.Status.FAILED, AnalyzerRun.Status.COMPLETED);
  }

  @Test
  void repeatedOccurrences_getDistinctStableFingerprints() throws Exception {
    Files.writeString(dir.resolve("a.txt"), "TODO\nx\nTODO\n");
    ScanReport first = scan(BulwarkConfig.empty(dir), Optional.empty());
    ScanReport second = scan(BulwarkConfig.empty(dir), Optional.empty());
    assertThat(first.findings()).extracting(Finding::fingerprint).doesNotHaveDuplicates();
    assertThat(second.findings())
        .extracting(Finding::fingerprint)
        .containsExactlyElementsOf(first.findings().stream().map(Finding::fingerprint).toList());
  }

  @Test
  void inlineSuppression_needsAReason() throws Exception {
    Files.writeString(
        dir.resolve("a.txt"),
        "TODO keep // bulwark:ignore todo tracked in JIRA-12\n"
            + "// bulwark:ignore todo\nTODO without reason\n");
    ScanReport r = scan(BulwarkConfig.empty(dir), Optional.empty());
    assertThat(r.suppressed())
        .singleElement()
        .satisfies(s -> {
          assertThat(s.kind()).isEqualTo(SuppressedFinding.Kind.IN_SOURCE);
          assertThat(s.justification()).isEqualTo("tracked in JIRA-12");
        });
    assertThat(r.findings()).hasSize(1);
    assertThat(r.diagnostics()).anyMatch(d -> d.message().contains("has no reason"));
  }

  @Test
  void configSuppressionAndExclude_applyRelativeToTheConfigFile() throws Exception {
    Files.createDirectories(dir.resolve("docs"));
    Files.createDirectories(dir.resolve("gen"));
    Files.writeString(dir.resolve("docs/a.md"), "TODO\n");
    Files.writeString(dir.resolve("gen/b.txt"), "TODO\n");
    Files.writeString(dir.resolve("c.txt"), "TODO\n");
    Path cfg = dir.resolve("bulwark.yaml");
    Files.writeString(
        cfg,
        "exclude: [gen/]\nsuppress:\n  - {rule: todo, path: \"docs/**\", reason: \"docs are drafts\"}\n");
    ScanReport r = scan(ConfigLoader.load(cfg, Set.of(), w -> {}), Optional.empty());
    assertThat(r.findings())
        .extracting(f -> f.primaryLocation().display())
        .containsExactly("c.txt:1");
    assertThat(r.suppressed())
        .extracting(s -> s.kind())
        .containsExactly(SuppressedFinding.Kind.CONFIG);
  }

  @Test
  void baseline_hidesKnownFindings() throws Exception {
    Files.writeString(dir.resolve("a.txt"), "TODO old\n");
    ScanReport before = scan(BulwarkConfig.empty(dir), Optional.empty());
    Files.writeString(dir.resolve("a.txt"), "x\nTODO old\nTODO new\n");
    Baseline baseline = new Baseline(dir, Set.of(before.findings().get(0).fingerprint()));
    ScanReport after = scan(BulwarkConfig.empty(dir), Optional.of(baseline));
    // "TODO old" moved from line 1 to 2 but keeps its fingerprint; only the new one is reported.
    assertThat(after.findings()).hasSize(1);
    assertThat(after.scan().baselineMatched()).isEqualTo(1);
  }

  @Test
  void missingPath_isAnInputError() {
    assertThatThrownBy(() ->
            new Scanner(List.of(new TodoAnalyzer()))
                .scan(
                    new ScanRequest(
                        List.of(dir.resolve("absent")),
                        ScanOptions.defaults(),
                        BulwarkConfig.empty(dir),
                        Optional.empty()),
                    Progress.none(),
                    new Cancellation()))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("absent");
  }
}
