package dev.bulwark.yara.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bulwark.yara.engine.CompiledRules;
import dev.bulwark.yara.engine.Scanner;
import dev.bulwark.yara.lang.YaraSyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

/**
 * Fuzz target for the rule parser and compiler: any text either compiles or fails with a {@link
 * YaraSyntaxException} naming a position; what compiles also scans a small buffer without an
 * unchecked exception. Plain JUnit replays the corpus in {@code
 * src/test/resources/dev/bulwark/yara/fuzz/RuleParserFuzzTestInputs/}; {@code JAZZER_FUZZ=1}
 * fuzzes.
 */
class RuleParserFuzzTest {
  private static final ByteBuffer DATA =
      ByteBuffer.wrap(
          "MZ\u0090\0 This program cannot be run abc@example.com"
              .getBytes(StandardCharsets.ISO_8859_1));

  @FuzzTest(maxDuration = "30s")
  void ruleParser_neverThrowsUnchecked(byte[] input) {
    String text = new String(input, StandardCharsets.UTF_8);
    CompiledRules rules;
    try {
      rules = CompiledRules.compileText("fuzz.yar", text, Set.of(), null);
    } catch (YaraSyntaxException expected) {
      if (expected.line() < 1 || expected.column() < 1) {
        throw new AssertionError("error without a position: " + expected.getMessage());
      }
      return;
    }
    new Scanner(rules, Map.of()).scan(DATA);
  }
}
