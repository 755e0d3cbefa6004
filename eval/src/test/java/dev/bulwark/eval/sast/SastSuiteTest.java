package dev.bulwark.eval.sast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.errors.InputException;
import dev.bulwark.eval.Scorecard;
import dev.bulwark.eval.ScorecardWriter;
import dev.bulwark.eval.Suite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SastSuiteTest {
  private static Path mini() throws Exception {
    return Path.of(SastSuiteTest.class.getResource("/sast-mini").toURI());
  }

  @Test
  void miniSuite_isScoredPerCategoryAndAveraged() throws Exception {
    Scorecard card = new SastSuite().run(new Suite.Options(mini(), Map.of()));
    // sqli: TP 1, TN 1 -> 100; hash: FN 1, TN 1 -> 0; average 50
    assertThat(card.score()).isEqualTo(50.0);
    assertThat(card.categories())
        .extracting(Scorecard.Category::name)
        .containsExactly("hash", "sqli");
    Scorecard.Category hash = card.categories().get(0);
    assertThat(hash.metrics().fn()).isEqualTo(1);
    assertThat(hash.metrics().tn()).isEqualTo(1);
    assertThat(card.errors()).containsExactly("missed: Case00004 (hash, CWE-328)");
    String md = ScorecardWriter.markdown(card);
    assertThat(md.strip()).endsWith("overall_score=50.0");
    assertThat(md).contains("| sqli | 1 | 1 | 0 | 100.0% | 1 | 0 | 0.0% | 100.0% | 100.0% |");
  }

  @Test
  void expectedResults_withABadLine_nameTheFileAndLine(@TempDir Path dir) throws Exception {
    Path csv = dir.resolve("expectedresults.csv");
    Files.writeString(csv, "# test name, category, real vulnerability, cwe\nCase1,sqli,maybe,89\n");
    assertThatThrownBy(() -> SastSuite.expected(csv))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("expectedresults.csv:2")
        .hasMessageContaining("true or false");
  }

  @Test
  void aFindingWithAnotherCwe_doesNotCountForTheCase(@TempDir Path dir) throws Exception {
    Path src = dir.resolve("src");
    Files.createDirectories(src);
    Files.copy(mini().resolve("src/cases/Case00001.java"), src.resolve("Case00001.java"));
    Path csv = dir.resolve("expectedresults.csv");
    Files.writeString(csv, "Case00001,xss,true,79\n");
    Scorecard card =
        new SastSuite().run(new Suite.Options(dir, Map.of(SastSuite.EXPECTED, csv.toString())));
    assertThat(card.overall().fn()).isEqualTo(1);
    assertThat(card.score()).isEqualTo(0.0);
  }

  /** The shipped suite guards against regressions: the floor is 85. */
  @Test
  void shippedSuite_scoresAtLeast85() throws Exception {
    Path suite = Path.of("../corpora/sast").toAbsolutePath().normalize();
    Scorecard card = new SastSuite().run(new Suite.Options(suite, Map.of()));
    assertThat(card.categories()).hasSizeGreaterThanOrEqualTo(11);
    assertThat(Integer.parseInt(card.facts().get("test cases"))).isGreaterThanOrEqualTo(400);
    assertThat(card.score()).as(ScorecardWriter.markdown(card)).isGreaterThanOrEqualTo(85.0);
  }
}
