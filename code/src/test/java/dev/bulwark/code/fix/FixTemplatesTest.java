package dev.bulwark.code.fix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.code.fix.templates.Templates;
import dev.bulwark.code.rules.JavaRule;
import dev.bulwark.code.rules.RulePacks;
import dev.bulwark.core.files.SourceTree;
import dev.bulwark.core.files.WalkOptions;
import dev.bulwark.core.model.Fix;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every rule with a template gets verified patches on its own annotated fixture, and applying them
 * removes that rule's findings from the fixture without adding any. The patched fixture must equal
 * {@code rules/java/checks/<id>.fixed.java} beside it, so a template that "fixes" a finding by
 * deleting the sink, or rewrites more than it should, fails here; regenerate the expected files
 * with {@code -Dgolden.update=true} after a deliberate change and review their diff.
 */
class FixTemplatesTest {
  @TempDir Path dir;

  @TestFactory
  Stream<DynamicTest> everyTemplate_fixesItsRulesFixture() throws Exception {
    List<DynamicTest> tests = new ArrayList<>();
    for (JavaRule rule : RulePacks.builtIn().rules()) {
      if (Templates.forRule(rule.id()).isEmpty()) {
        continue;
      }
      tests.add(
          DynamicTest.dynamicTest(
              rule.id(),
              () -> {
                Path project = Files.createDirectories(dir.resolve(rule.id()));
                Path src =
                    Path.of(
                        FixTemplatesTest.class
                            .getResource("/rules/java/checks/" + rule.id() + ".java")
                            .toURI());
                Files.copy(src, project.resolve(rule.id() + ".java"));
                FixEngine.Result r = run(project, rule.id());
                long findings = r.outcomes().size();
                long verified =
                    r.outcomes().stream().filter(o -> o.status() == Fix.Status.VERIFIED).count();
                assertThat(findings).as("findings of " + rule.id()).isPositive();
                assertThat(verified).as(rule.id() + ": " + r.outcomes()).isPositive();
                Patches.write(project, r.patchedFiles(), r.dependencies());
                assertPatchedAsExpected(rule.id(), project.resolve(rule.id() + ".java"));
                FixEngine.Result again = run(project, rule.id());
                assertThat(again.outcomes())
                    .as("findings left after patching " + rule.id())
                    .hasSize((int) (findings - verified));
                assertThat(again.findingsBefore().size())
                    .as("no new findings of other rules")
                    .isLessThanOrEqualTo(r.findingsBefore().size());
              }));
    }
    return tests.stream();
  }

  private static void assertPatchedAsExpected(String id, Path patched) throws Exception {
    Path expected =
        Path.of(System.getProperty("basedir", "."))
            .resolve("src/test/resources/rules/java/checks/" + id + ".fixed.java");
    String actual = Files.readString(patched, StandardCharsets.UTF_8);
    if (Boolean.getBoolean("golden.update")) {
      Files.writeString(expected, actual, StandardCharsets.UTF_8);
      return;
    }
    assertThat(expected)
        .as("expected patched fixture %s; create it with -Dgolden.update=true", expected)
        .exists();
    assertThat(actual)
        .as("patched %s differs from %s", id, expected)
        .isEqualTo(Files.readString(expected, StandardCharsets.UTF_8));
  }

  private static FixEngine.Result run(Path project, String rule) throws Exception {
    SourceTree tree = SourceTree.walk(List.of(project), WalkOptions.defaults(), d -> {});
    return new FixEngine(
            project,
            tree,
            new FixEngine.Options(Set.of(rule), Set.of(), Optional.empty(), 1),
            d -> {})
        .run();
  }
}
