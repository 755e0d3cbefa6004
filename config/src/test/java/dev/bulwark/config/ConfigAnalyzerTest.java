package dev.bulwark.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.analysis.ScanContext;
import dev.bulwark.core.analysis.ScanOptions;
import dev.bulwark.core.errors.Diagnostic;
import dev.bulwark.core.files.SourceTree;
import dev.bulwark.core.files.WalkOptions;
import dev.bulwark.core.model.Finding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The analyzer over a tree: bad files become diagnostics and the other files are still checked. */
class ConfigAnalyzerTest {

  @Test
  void hostileAndBrokenFiles_areDiagnostics_andTheScanGoesOn(@TempDir Path dir) throws Exception {
    Files.writeString(
        dir.resolve("deep.yaml"), "apiVersion: v1\nkind: Pod\nx: " + "[".repeat(50_000) + "\n");
    Files.writeString(dir.resolve("broken.tf"), "resource \"a\" \"b\" {\n");
    Files.writeString(dir.resolve("Dockerfile"), "FROM nginx:latest\n");
    List<Diagnostic> diagnostics = new CopyOnWriteArrayList<>();
    SourceTree tree = SourceTree.walk(List.of(dir), WalkOptions.defaults(), diagnostics::add);
    List<Finding> findings = new CopyOnWriteArrayList<>();
    ConfigAnalyzer a = new ConfigAnalyzer();
    ScanContext ctx = ScanContext.standalone(tree, ScanOptions.defaults(), diagnostics::add);
    assertThat(a.appliesTo(ctx)).isTrue();
    a.analyze(ctx, findings::add);
    List<String> ids = new ArrayList<>();
    findings.forEach(f -> ids.add(f.ruleId()));
    assertThat(ids).contains("docker-latest-tag", "docker-root-user");
    assertThat(diagnostics).extracting(Diagnostic::path).contains("deep.yaml", "broken.tf");
    assertThat(a.rules()).hasSize(39);
  }
}
