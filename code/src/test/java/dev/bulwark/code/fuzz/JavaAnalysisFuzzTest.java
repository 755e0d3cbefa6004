package dev.bulwark.code.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bulwark.code.project.ProjectModel;
import dev.bulwark.code.rules.RulePacks;
import dev.bulwark.code.taint.Analysis;
import dev.bulwark.core.analysis.Cancellation;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Fuzz target for the Java analysis: whatever source parses, the interpreter must finish without
 * throwing (a method it cannot follow becomes a diagnostic). Under plain JUnit it replays the
 * corpus in {@code src/test/resources/dev/bulwark/code/fuzz/JavaAnalysisFuzzTestInputs/}; with
 * {@code JAZZER_FUZZ=1} it fuzzes, and each crash becomes a file there.
 */
class JavaAnalysisFuzzTest {

  @FuzzTest(maxDuration = "30s")
  void analysis_neverThrows(byte[] input) throws Exception {
    RulePacks.Loaded rules = RulePacks.builtIn();
    ProjectModel project;
    try {
      project =
          ProjectModel.ofSources(
              Map.of("Fuzz.java", new String(input, StandardCharsets.UTF_8)),
              Map.of("greeting", "hello"),
              rules.library());
    } catch (IllegalArgumentException notJava) {
      return; // input that does not parse is the parser's business, reported as a diagnostic
    }
    Analysis.run(project, rules, 1, new Cancellation(), c -> {}, d -> {});
  }
}
