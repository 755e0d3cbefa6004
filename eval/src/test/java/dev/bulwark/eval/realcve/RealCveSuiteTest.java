package dev.bulwark.eval.realcve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.errors.InputException;
import dev.bulwark.eval.Scorecard;
import dev.bulwark.eval.Suite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RealCveSuiteTest {
  private static final String SPEC_READER =
      """
      package org.example.spec;

      import org.yaml.snakeyaml.Yaml;

      public class SpecReader {
        public static Object readTree(String contents) {
          Yaml yaml = new Yaml();
          return yaml.load(contents);
        }

        public static int size(String contents) {
          return contents.length();
        }
      }
      """;

  /** Two rows on one small library: one whose fixed method holds the sink, one that does not. */
  private static Path corpus(Path dir) throws Exception {
    for (String cve : List.of("CVE-0000-0001", "CVE-0000-0002")) {
      Path src = dir.resolve(cve).resolve("src/main/java/org/example/spec");
      Files.createDirectories(src);
      Files.writeString(src.resolve("SpecReader.java"), SPEC_READER);
    }
    String file = "src/main/java/org/example/spec/SpecReader.java";
    Files.writeString(
        dir.resolve("projects.csv"),
        "id,repo,cve,cwe,vulnerable_commit,fix_commit,fix_files,fix_methods,source,licence\n"
            + "1,example/spec,CVE-0000-0001,CWE-502,a,b,"
            + file
            + ",x,test,MIT\n"
            + "2,example/spec,CVE-0000-0002,CWE-502,a,b,"
            + file
            + ",x,test,MIT\n");
    Files.writeString(
        dir.resolve("fix_method_lines.csv"),
        "id,cve,file,cls,method,start_line,end_line\n"
            + "1,CVE-0000-0001,"
            + file
            + ",SpecReader,readTree,6,9\n"
            + "2,CVE-0000-0002,"
            + file
            + ",SpecReader,size,11,13\n");
    return dir;
  }

  @Test
  void aFindingInAFixedMethod_countsAsFound_andOneElsewhereDoesNot(@TempDir Path dir)
      throws Exception {
    Scorecard card = new RealCveSuite().run(new Suite.Options(corpus(dir), Map.of()));
    assertThat(card.score()).as(card.facts() + " " + card.errors()).isEqualTo(50.0);
    assertThat(card.facts())
        .containsEntry("found (method level)", "1/2")
        .containsEntry("CWE-502", "found 1/2, alert precision 1/2");
    assertThat(card.facts().get("project CVE-0000-0001")).contains("found").contains("peak heap");
    assertThat(card.errors()).anyMatch(e -> e.startsWith("missed: CVE-0000-0002 CWE-502"));
  }

  @Test
  void only_restrictsTheRows_andAnUnknownIdIsAnError(@TempDir Path dir) throws Exception {
    Path c = corpus(dir);
    Scorecard card =
        new RealCveSuite().run(new Suite.Options(c, Map.of(RealCveSuite.ONLY, "CVE-0000-0001")));
    assertThat(card.facts()).containsEntry("found (method level)", "1/1");
    assertThatThrownBy(
            () -> new RealCveSuite().run(new Suite.Options(c, Map.of(RealCveSuite.ONLY, "CVE-9"))))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("CVE-9");
  }

  @Test
  void theSharedDataSet_parses() throws Exception {
    Path shared = sharedData();
    Assumptions.assumeTrue(
        shared != null, "../shared/data/realcve not present: the real-CVE data set is not shipped");
    List<RealCveSuite.Row> rows = RealCveSuite.rows(shared);
    assertThat(rows).isNotEmpty().allSatisfy(r -> assertThat(r.methods()).isNotEmpty());
  }

  private static Path sharedData() {
    Path d = Path.of("").toAbsolutePath();
    while (d != null) {
      Path c = d.resolve("../shared/data/realcve").normalize();
      if (Files.isRegularFile(c.resolve("projects.csv"))) {
        return c;
      }
      d = d.getParent();
    }
    return null;
  }
}
