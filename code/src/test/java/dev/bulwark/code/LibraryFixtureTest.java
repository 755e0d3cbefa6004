package dev.bulwark.code;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.code.rules.RulePacks;
import dev.bulwark.core.testing.FixtureMarkers;
import dev.bulwark.core.testing.RuleFixtures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the annotated fixture of each library-model file that has one, {@code
 * rules/java/library/<name>.java} beside the file's path: the entry points, sources and sinks the
 * file models must make the marked lines fire, and nothing else.
 */
class LibraryFixtureTest {

  /** Library files whose whole point is new entry points: each must come with a fixture. */
  private static final List<String> MUST_HAVE_FIXTURE = List.of("library/web-frameworks.yaml");

  static Path fixture(String indexEntry) throws Exception {
    String name = indexEntry.replace(".yaml", ".java");
    var url = LibraryFixtureTest.class.getResource("/" + RulePacks.DIR + name);
    return url == null ? null : Path.of(url.toURI());
  }

  @TestFactory
  Stream<DynamicTest> everyLibraryFixture_firesWhereMarked() throws Exception {
    List<Path> fixtures = new ArrayList<>();
    for (String entry : RulePacks.index()) {
      Path f = entry.startsWith("library/") ? fixture(entry) : null;
      if (f != null) {
        fixtures.add(f);
      }
    }
    assertThat(fixtures).isNotEmpty();
    return RuleFixtures.tests(
        fixtures,
        (f, e) -> {
          JavaScan.Result r = JavaScan.files(f.getParent(), List.of(f));
          assertThat(r.diagnostics()).as("diagnostics").isEmpty();
          return r.rulesByLine();
        });
  }

  @Test
  void entryPointLibraries_haveFixturesWithPositiveAndNegativeCases() throws Exception {
    for (String entry : MUST_HAVE_FIXTURE) {
      assertThat(RulePacks.index()).contains(entry);
      Path f = fixture(entry);
      assertThat(f).as("fixture for " + entry).isNotNull();
      FixtureMarkers.Expectations e = FixtureMarkers.parse(f);
      assertThat(e.mustFire()).as(entry + " ruleid cases").isNotEmpty();
      assertThat(e.mustNotFire()).as(entry + " ok cases").isNotEmpty();
    }
  }
}
