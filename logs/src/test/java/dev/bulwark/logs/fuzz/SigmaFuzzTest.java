package dev.bulwark.logs.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.bulwark.logs.event.Event;
import dev.bulwark.logs.sigma.Logsources;
import dev.bulwark.logs.sigma.RuleSet;
import dev.bulwark.logs.sigma.SigmaRule;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Fuzz target for the Sigma loader and compiled matchers: any YAML becomes rules or listed
 * problems, and loaded rules evaluate without throwing. Corpus in {@code SigmaFuzzTestInputs/}.
 */
class SigmaFuzzTest {
  private static final Logsources LOGSOURCES = Logsources.builtIn();

  @FuzzTest(maxDuration = "30s")
  void rules_neverThrow(byte[] input) {
    RuleSet set =
        RuleSet.parse("fuzz.yml", new String(input, StandardCharsets.UTF_8), Map.of(), LOGSOURCES);
    Event e = new Event("fuzz", "1", null, "json");
    e.put("Image", "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe");
    e.put("CommandLine", "powershell -enc SQBFAFgA");
    e.put("EventID", "4625");
    for (SigmaRule r : set.rules()) {
      r.matches(e);
    }
  }
}
