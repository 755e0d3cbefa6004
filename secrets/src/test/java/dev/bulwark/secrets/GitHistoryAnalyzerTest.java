package dev.bulwark.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.analysis.Cancellation;
import dev.bulwark.core.analysis.Progress;
import dev.bulwark.core.analysis.ScanOptions;
import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.core.model.Finding;
import dev.bulwark.core.model.Location;
import dev.bulwark.core.report.ScanReport;
import dev.bulwark.core.scan.ScanRequest;
import dev.bulwark.core.scan.Scanner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitHistoryAnalyzerTest {
  @TempDir Path dir;

  @Test
  void history_reportsTheIntroducingCommit_andWhetherTheSecretIsStillInHead() throws Exception {
    String removed = TestTokens.github(101);
    String kept = TestTokens.github(102);
    RevCommit first;
    RevCommit third;
    try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
      Files.writeString(dir.resolve("deploy.env"), "REGION=eu\nGITHUB_TOKEN=" + removed + "\n");
      git.add().addFilepattern(".").call();
      first =
          git.commit()
              .setMessage("add deploy config")
              .setAuthor("Dana", "dana@corp.invalid")
              .setSign(false)
              .call();
      Files.writeString(dir.resolve("deploy.env"), "REGION=eu\nGITHUB_TOKEN=${GITHUB_TOKEN}\n");
      git.add().addFilepattern(".").call();
      git.commit()
          .setMessage("remove token")
          .setAuthor("Dana", "dana@corp.invalid")
          .setSign(false)
          .call();
      Files.writeString(dir.resolve("ci.env"), "X=1\n");
      git.add().addFilepattern(".").call();
      git.commit().setMessage("ci").setAuthor("Lee", "lee@corp.invalid").setSign(false).call();
      Files.writeString(dir.resolve("ci.env"), "X=1\nCI_TOKEN=" + kept + "\n");
      git.add().addFilepattern(".").call();
      third =
          git.commit()
              .setMessage("ci token")
              .setAuthor("Lee", "lee@corp.invalid")
              .setSign(false)
              .call();
    }
    ScanReport r =
        new Scanner(List.of(new SecretsAnalyzer(), new GitHistoryAnalyzer()))
            .scan(
                new ScanRequest(
                    List.of(dir),
                    ScanOptions.defaults().withHistory(true),
                    BulwarkConfig.empty(dir),
                    Optional.empty()),
                Progress.none(),
                new Cancellation());
    List<Finding> history =
        r.findings().stream().filter(f -> f.primaryLocation() instanceof Location.GitBlob).toList();
    assertThat(history).hasSize(2);
    Finding gone =
        history.stream()
            .filter(f -> f.properties().get("stillPresent").equals("false"))
            .findFirst()
            .orElseThrow();
    assertThat(gone.properties())
        .containsEntry("commit", first.getName())
        .containsEntry("author", "Dana");
    assertThat(((Location.GitBlob) gone.primaryLocation()).region().startLine()).isEqualTo(2);
    assertThat(gone.message()).contains("gone from HEAD");
    Finding present =
        history.stream()
            .filter(f -> f.properties().get("stillPresent").equals("true"))
            .findFirst()
            .orElseThrow();
    assertThat(present.properties()).containsEntry("commit", third.getName());
    // The working-tree copy is reported too, under its own fingerprint.
    assertThat(r.findings())
        .filteredOn(f -> f.primaryLocation() instanceof Location.File)
        .hasSize(1);
    assertThat(r.findings()).extracting(Finding::fingerprint).doesNotHaveDuplicates();
  }

  @Test
  void withoutTheHistoryFlag_historyIsNotRead() throws Exception {
    try (Git git = Git.init().setDirectory(dir.toFile()).call()) {
      Files.writeString(dir.resolve("a.env"), "GITHUB_TOKEN=" + TestTokens.github(103) + "\n");
      git.add().addFilepattern(".").call();
      git.commit().setMessage("x").setAuthor("a", "a@b.invalid").setSign(false).call();
    }
    ScanReport r =
        new Scanner(List.of(new GitHistoryAnalyzer()))
            .scan(
                new ScanRequest(
                    List.of(dir),
                    ScanOptions.defaults(),
                    BulwarkConfig.empty(dir),
                    Optional.empty()),
                Progress.none(),
                new Cancellation());
    assertThat(r.findings()).isEmpty();
    assertThat(r.scan().analyzers()).isEmpty();
  }
}
