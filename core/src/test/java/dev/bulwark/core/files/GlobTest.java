package dev.bulwark.core.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class GlobTest {

  @Test
  void nameOnlyPattern_matchesAtAnyDepth() {
    Glob g = Glob.compile("*.log");
    assertThat(g.matches("app.log", false)).isTrue();
    assertThat(g.matches("a/b/app.log", false)).isTrue();
    assertThat(g.matches("a/b/app.log.gz", false)).isFalse();
  }

  @Test
  void slashAnchorsPattern_toTheBase() {
    Glob g = Glob.compile("/build");
    assertThat(g.matches("build", true)).isTrue();
    assertThat(g.matches("sub/build", true)).isFalse();
    assertThat(Glob.compile("docs/*.md").matches("docs/a.md", false)).isTrue();
    assertThat(Glob.compile("docs/*.md").matches("x/docs/a.md", false)).isFalse();
  }

  @Test
  void doubleStar_crossesDirectories() {
    Glob g = Glob.compile("src/**/test/");
    assertThat(g.matches("src/test", true)).isTrue();
    assertThat(g.matches("src/a/b/test", true)).isTrue();
    assertThat(g.matches("src/a/b/test/x.java", false)).isTrue();
    assertThat(Glob.compile("**/generated/**").matches("a/generated/b/c.java", false)).isTrue();
  }

  @Test
  void directoryOnlyPattern_matchesFilesBelowButNotFilesOfThatName() {
    Glob g = Glob.compile("node_modules/");
    assertThat(g.matches("node_modules", true)).isTrue();
    assertThat(g.matches("web/node_modules/x/index.js", false)).isTrue();
    assertThat(g.matches("node_modules", false)).isFalse();
  }

  @Test
  void classesAndEscapes() {
    assertThat(Glob.compile("file[0-9].txt").matches("file7.txt", false)).isTrue();
    assertThat(Glob.compile("file[!0-9].txt").matches("file7.txt", false)).isFalse();
    assertThat(Glob.compile("\\*.txt").matches("*.txt", false)).isTrue();
    assertThat(Glob.compile("\\*.txt").matches("a.txt", false)).isFalse();
  }

  @Test
  void ignoreFile_lastMatchWins_andNegationReincludes() {
    IgnoreFile f = IgnoreFile.parse(List.of("# comment", "*.log", "!keep.log", "build/"), "");
    assertThat(f.verdict("x.log", false)).isTrue();
    assertThat(f.verdict("keep.log", false)).isFalse();
    assertThat(f.verdict("build", true)).isTrue();
    assertThat(f.verdict("src/a.java", false)).isNull();
  }

  @Test
  void ignoreFile_inSubdirectory_appliesOnlyBelowIt() {
    IgnoreFile f = IgnoreFile.parse(List.of("*.tmp"), "sub");
    assertThat(f.verdict("sub/a.tmp", false)).isTrue();
    assertThat(f.verdict("a.tmp", false)).isNull();
  }

  @Test
  void rebase_rewritesAnchoredPatterns_forAScanBelowTheConfig() {
    assertThat(Glob.rebase("src/**", "")).contains("src/**");
    assertThat(Glob.rebase("app/src/**", "app")).contains("/src/**");
    assertThat(Glob.rebase("other/**", "app")).isEmpty();
    assertThat(Glob.rebase("*.log", "app")).contains("*.log");
  }
}
