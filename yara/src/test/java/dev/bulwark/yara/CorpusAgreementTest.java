package dev.bulwark.yara;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.bulwark.core.errors.DiagnosticSink;
import dev.bulwark.yara.engine.CompiledRules;
import dev.bulwark.yara.lang.YaraSyntaxException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Differential check against real YARA 4.2.3 on the shared corpus: which rule files compile ({@code
 * compat.csv}) and which (rule, sample) pairs match ({@code expected-matches.csv}). The corpus is
 * GPL test data kept outside the repository; the test skips when it is absent. Figures are written
 * to {@code target/yara-agreement.txt}.
 */
@Tag("corpus")
class CorpusAgreementTest {

  @Test
  void sharedCorpus_agreesWithRealYara() throws IOException {
    var shared = SharedData.yara();
    assumeTrue(
        shared.isPresent(), "../shared/data/yara is absent: the YARA corpus check is skipped");
    Path root = shared.get();
    Path rulesDir = root.resolve("rules");
    List<String[]> compat =
        Files.readAllLines(root.resolve("compat.csv")).stream()
            .skip(1)
            .map(l -> l.split(",", 4))
            .toList();
    Set<String> expected = new TreeSet<>();
    for (String l :
        Files.readAllLines(root.resolve("expected-matches.csv")).stream().skip(1).toList()) {
      expected.add(l);
    }
    List<Path> samples = new ArrayList<>();
    try (var s = Files.list(root.resolve("yara-tests-data"))) {
      s.filter(Files::isRegularFile)
          .filter(p -> !p.toString().endsWith(".yar"))
          .sorted()
          .forEach(samples::add);
    }
    try (var s = Files.list(root.resolve("benign"))) {
      s.filter(Files::isRegularFile)
          .filter(p -> !p.getFileName().toString().equals("MANIFEST.csv"))
          .sorted()
          .forEach(samples::add);
    }
    try (var s = Files.list(rulesDir.resolve("email/eml"))) {
      s.filter(Files::isRegularFile).sorted().forEach(samples::add);
    }
    String only = System.getProperty("yara.only");
    int yaraCompiles = 0;
    int bothCompile = 0;
    int weCompileTheyDont = 0;
    List<String> compileMisses = new ArrayList<>();
    Set<String> actual = new TreeSet<>();
    long scanNanos = 0;
    for (String[] row : compat) {
      String file = row[0];
      if (only != null && !file.contains(only)) {
        continue;
      }
      boolean index = row[1].equals("yes");
      boolean theyCompile = row[2].equals("yes");
      CompiledRules compiled = null;
      String error = null;
      try {
        compiled = CompiledRules.compile(List.of(rulesDir.resolve(file)), Set.of());
      } catch (YaraSyntaxException | IOException e) {
        error = e.getMessage();
      }
      if (theyCompile) {
        yaraCompiles++;
        if (compiled != null) {
          bothCompile++;
        } else {
          compileMisses.add(file + ": " + error);
        }
      } else if (compiled != null) {
        weCompileTheyDont++;
        compileMisses.add("(extra) " + file);
      }
      if (index || !theyCompile || compiled == null) {
        continue;
      }
      long t0 = System.nanoTime();
      var result = YaraScan.run(samples, compiled, Map.of(), DiagnosticSink.ignoring());
      long took = System.nanoTime() - t0;
      scanNanos += took;
      if (took > 2_000_000_000L) {
        System.err.printf("slow: %s %.1f s%n", file, took / 1e9);
      }
      for (var m : result.matches()) {
        String rel = root.relativize(Path.of(m.path())).toString();
        actual.add(file + "," + m.match().rule() + "," + rel);
      }
    }
    Set<String> exp = new TreeSet<>(expected);
    if (only != null) {
      exp.removeIf(e -> !e.split(",")[0].contains(only));
    }
    Set<String> agreed = new TreeSet<>(exp);
    agreed.retainAll(actual);
    Set<String> missing = new TreeSet<>(exp);
    missing.removeAll(actual);
    Set<String> extra = new TreeSet<>(actual);
    extra.removeAll(exp);
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            "compile: %d of %d rule files that YARA compiles (%.1f %%); %d that"
                + " YARA refuses compile here%n",
            bothCompile,
            yaraCompiles,
            100.0 * bothCompile / Math.max(1, yaraCompiles),
            weCompileTheyDont));
    sb.append(
        String.format(
            "matches: %d of %d YARA matches (%.1f %%), %d extra; scan %.1f s%n",
            agreed.size(),
            exp.size(),
            100.0 * agreed.size() / Math.max(1, exp.size()),
            extra.size(),
            scanNanos / 1e9));
    compileMisses.forEach(x -> sb.append("compile-diff ").append(x).append('\n'));
    missing.forEach(x -> sb.append("missing ").append(x).append('\n'));
    extra.forEach(x -> sb.append("extra ").append(x).append('\n'));
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target/yara-agreement.txt"), sb.toString());
    System.out.println(sb);
    // the goals: ≥ 98 % of what YARA compiles, ≥ 99 % of its matches and none it does not report
    assertThat(100.0 * bothCompile / Math.max(1, yaraCompiles)).isGreaterThanOrEqualTo(98.0);
    assertThat(weCompileTheyDont).isZero();
    assertThat(100.0 * agreed.size() / Math.max(1, exp.size())).isGreaterThanOrEqualTo(99.0);
    assertThat(extra).isEmpty();
  }
}
