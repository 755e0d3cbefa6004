package dev.bulwark.core.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.errors.Diagnostic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceTreeTest {
  @TempDir Path dir;
  private final List<Diagnostic> diagnostics = new ArrayList<>();

  private List<String> walk(WalkOptions options) throws Exception {
    return SourceTree.walk(List.of(dir), options, diagnostics::add).files().stream()
        .map(SourceFile::relativePath)
        .toList();
  }

  private void write(String rel, String content) throws IOException {
    Path p = dir.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
  }

  @Test
  void walk_honoursGitignoreBulwarkignoreAndNestedIgnoreFiles() throws Exception {
    write(".gitignore", "*.log\nbuild/\n!keep.log\n");
    write(".bulwarkignore", "vendor/\n");
    write("a.log", "x");
    write("keep.log", "x");
    write("build/out.txt", "x");
    write("vendor/lib.js", "x");
    write("src/.gitignore", "*.gen.java\n");
    write("src/A.java", "x");
    write("src/B.gen.java", "x");
    write(".git/config", "x");
    assertThat(walk(WalkOptions.defaults()))
        .containsExactlyInAnyOrder(
            ".bulwarkignore", ".gitignore", "keep.log", "src/.gitignore", "src/A.java");
  }

  @Test
  void noIgnore_scansIgnoredFilesButNeverGitMetadata() throws Exception {
    write(".gitignore", "*.log\n");
    write("a.log", "x");
    write(".git/HEAD", "ref");
    assertThat(walk(new WalkOptions(List.of(), List.of(), false, true)))
        .containsExactlyInAnyOrder(".gitignore", "a.log");
  }

  @Test
  void includeAndExclude_globsSelectFiles() throws Exception {
    write("src/A.java", "x");
    write("src/B.kt", "x");
    write("docs/r.md", "x");
    assertThat(walk(new WalkOptions(List.of("*.java", "*.kt"), List.of("**/B.kt"), true, true)))
        .containsExactly("src/A.java");
  }

  @Test
  void symlinkLoop_isReportedAndNotFollowedForever() throws Exception {
    write("a/file.txt", "x");
    Files.createSymbolicLink(dir.resolve("a/loop"), dir.resolve("a"));
    assertThat(walk(WalkOptions.defaults())).containsExactly("a/file.txt");
    assertThat(diagnostics).anyMatch(d -> d.message().contains("loop"));
  }

  @Test
  void symlinkOutsideTheRoot_isSkippedWithANote(@TempDir Path outside) throws Exception {
    Files.writeString(outside.resolve("secret.txt"), "x");
    Files.createSymbolicLink(dir.resolve("out"), outside);
    write("in.txt", "x");
    assertThat(walk(WalkOptions.defaults())).containsExactly("in.txt");
    assertThat(diagnostics).anyMatch(d -> d.message().contains("outside the scan root"));
  }

  @Test
  void brokenSymlink_isReported() throws Exception {
    Files.createSymbolicLink(dir.resolve("dangling"), dir.resolve("missing"));
    assertThat(walk(WalkOptions.defaults())).isEmpty();
    assertThat(diagnostics).anyMatch(d -> d.message().contains("broken symbolic link"));
  }

  @Test
  void missingRoot_isAnInputError() {
    assertThatThrownBy(
            () -> SourceTree.walk(List.of(dir.resolve("nope")), WalkOptions.defaults(), d -> {}))
        .isInstanceOf(NoSuchFileException.class);
  }

  @Test
  void fileRoot_isReportedByItsName() throws Exception {
    write("one.txt", "x");
    SourceTree t =
        SourceTree.walk(List.of(dir.resolve("one.txt")), WalkOptions.defaults(), d -> {});
    assertThat(t.files()).hasSize(1);
    assertThat(t.files().get(0).size()).isEqualTo(1);
  }
}
