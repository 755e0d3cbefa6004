package dev.bulwark.yara.generate;

import dev.bulwark.core.errors.DiagnosticSink;
import dev.bulwark.yara.YaraScan;
import dev.bulwark.yara.engine.CompiledRules;
import dev.bulwark.yara.lang.YaraSyntaxException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * Writes a YARA rule from sample files and proves it before it is shown: candidate strings are the
 * printable ASCII and UTF-16 strings of the samples; every candidate that occurs anywhere in the
 * goodware corpus is dropped (the corpus is scanned with all candidates as rules, by this engine);
 * the rarest strings that cover every sample become the rule; and the rule must then compile here
 * and in real YARA (when installed), match every sample and match no goodware file.
 */
public final class SignatureGenerator {
  static final int MIN_LENGTH = 8;
  static final int MAX_LENGTH = 96;
  static final int MAX_CANDIDATES = 4000;
  static final int MAX_STRINGS = 12;

  /**
   * One string candidate: text, whether it is UTF-16LE in the samples, and which samples hold it.
   */
  record Candidate(String text, boolean wide, Set<Integer> samples) {}

  /** What was generated and how each check came out. */
  public record Report(
      String rule,
      int candidates,
      int droppedByGoodware,
      List<String> chosen,
      boolean compilesHere,
      String realYara,
      int samplesMatched,
      int samples,
      int goodwareFiles,
      List<String> goodwareHits) {
    public boolean verified() {
      return compilesHere
          && samplesMatched == samples
          && goodwareHits.isEmpty()
          && !realYara.startsWith("failed");
    }
  }

  private SignatureGenerator() {}

  /** Printable strings of at least MIN_LENGTH characters, ASCII and UTF-16LE. */
  static Map<String, Boolean> strings(byte[] data) {
    Map<String, Boolean> out = new LinkedHashMap<>();
    StringBuilder a = new StringBuilder();
    for (int i = 0; i <= data.length; i++) {
      int b = i < data.length ? data[i] & 0xff : 0;
      if (b >= 0x20 && b < 0x7f) {
        a.append((char) b);
      } else {
        take(a, out, false);
      }
    }
    for (int start = 0; start < 2; start++) {
      StringBuilder w = new StringBuilder();
      for (int i = start; i + 1 <= data.length; i += 2) {
        int lo = i < data.length ? data[i] & 0xff : 0;
        int hi = i + 1 < data.length ? data[i + 1] & 0xff : 1;
        if (hi == 0 && lo >= 0x20 && lo < 0x7f) {
          w.append((char) lo);
        } else {
          take(w, out, true);
        }
      }
      take(w, out, true);
    }
    return out;
  }

  /**
   * What compilers, linkers and loaders put in every binary they make — symbol and section names,
   * version tags, source file names, library names: shared by a family's samples only because they
   * were built alike, and absent from stripped goodware only by chance.
   */
  static final java.util.regex.Pattern TOOLCHAIN =
      java.util.regex.Pattern.compile(
          "^(GCC:|GLIBC|_|\\.|lib[a-z0-9_+-]*\\.so)|@GLIBC|@@|\\.(c|cpp|h|o|so|dll)$"
              + "|^[A-Za-z_][A-Za-z0-9_]*$|^[A-Za-z_][A-Za-z0-9_.]*\\.(dll|DLL)$");

  private static void take(StringBuilder sb, Map<String, Boolean> out, boolean wide) {
    if (sb.length() >= MIN_LENGTH) {
      String s = sb.length() > MAX_LENGTH ? sb.substring(0, MAX_LENGTH) : sb.toString();
      // strings of one repeated character or mostly blanks say nothing about the sample
      if (s.chars().distinct().count() >= 5 && !s.isBlank() && !TOOLCHAIN.matcher(s).find()) {
        out.putIfAbsent(s, wide);
      }
    }
    sb.setLength(0);
  }

  static String quote(String s) {
    StringBuilder q = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        q.append('\\').append(c);
      } else {
        q.append(c);
      }
    }
    return q.append('"').toString();
  }

  static String stringDef(int i, Candidate c) {
    return "$s" + i + " = " + quote(c.text()) + (c.wide() ? " wide" : "");
  }

  public static Report generate(
      List<Path> samples, List<Path> goodware, String name, int threads, java.io.PrintStream log)
      throws IOException, InterruptedException {
    if (!name.matches("[A-Za-z_][A-Za-z0-9_]{0,127}")) {
      throw new IllegalArgumentException("not a YARA rule name: " + name);
    }
    Map<String, Candidate> all = new HashMap<>();
    for (int i = 0; i < samples.size(); i++) {
      byte[] data = Files.readAllBytes(samples.get(i));
      for (var e : strings(data).entrySet()) {
        int idx = i;
        all.computeIfAbsent(e.getKey(), k -> new Candidate(k, e.getValue(), new TreeSet<>()))
            .samples()
            .add(idx);
      }
    }
    // the strings most samples share first, longer ones before shorter
    List<Candidate> ranked =
        all.values().stream()
            .sorted(
                Comparator.comparingInt((Candidate c) -> -c.samples().size())
                    .thenComparingInt(c -> -c.text().length())
                    .thenComparing(Candidate::text))
            .limit(MAX_CANDIDATES)
            .toList();
    log.printf("%d candidate strings from %d samples%n", ranked.size(), samples.size());
    // one rule per candidate; every rule that fires on goodware drops its candidate
    StringBuilder probe = new StringBuilder();
    for (int i = 0; i < ranked.size(); i++) {
      probe
          .append("rule c")
          .append(i)
          .append(" { strings: ")
          .append(stringDef(0, ranked.get(i)))
          .append(" condition: $s0 }\n");
    }
    CompiledRules probes;
    try {
      probes = CompiledRules.compileText("candidates.yar", probe.toString(), Set.of(), null);
    } catch (YaraSyntaxException e) {
      throw new IllegalStateException("generated candidates must compile: " + e.getMessage(), e);
    }
    YaraScan.Result good =
        YaraScan.run(goodware, probes, Map.of(), DiagnosticSink.ignoring(), threads);
    Set<Integer> bad = new HashSet<>();
    for (YaraScan.FileMatch m : good.matches()) {
      bad.add(Integer.parseInt(m.match().rule().substring(1)));
    }
    log.printf(
        "goodware: %d files, %d candidates also found there and dropped%n",
        good.files(), bad.size());
    List<Candidate> clean = new ArrayList<>();
    for (int i = 0; i < ranked.size(); i++) {
      if (!bad.contains(i)) {
        clean.add(ranked.get(i));
      }
    }
    // greedy cover: each sample by up to three clean strings
    List<Candidate> chosen = new ArrayList<>();
    int[] cover = new int[samples.size()];
    for (Candidate c : clean) {
      if (chosen.size() >= MAX_STRINGS) {
        break;
      }
      if (c.samples().stream().anyMatch(s -> cover[s] < 3)) {
        chosen.add(c);
        c.samples().forEach(s -> cover[s]++);
      }
    }
    int need = Integer.MAX_VALUE;
    for (int s = 0; s < samples.size(); s++) {
      need = Math.min(need, cover[s]);
    }
    StringBuilder rule = new StringBuilder();
    rule.append("rule ")
        .append(name)
        .append(" : generated\n{\n  meta:\n")
        .append("    description = \"Generated by Bulwark from ")
        .append(samples.size())
        .append(" samples; no string occurs in the goodware corpus\"\n")
        .append("    generator = \"bulwark yara generate\"\n  strings:\n");
    for (int i = 0; i < chosen.size(); i++) {
      rule.append("    ").append(stringDef(i, chosen.get(i))).append('\n');
    }
    rule.append("  condition:\n    ")
        .append(chosen.isEmpty() ? "false" : Math.max(1, need) + " of them")
        .append("\n}\n");
    String text = rule.toString();
    // verification: compiles here, matches every sample, no goodware file, compiles in YARA
    boolean compiles;
    int matched = 0;
    List<String> hits = new ArrayList<>();
    try {
      CompiledRules r = CompiledRules.compileText(name + ".yar", text, Set.of(), null);
      compiles = true;
      YaraScan.Result s = YaraScan.run(samples, r, Map.of(), DiagnosticSink.ignoring(), threads);
      matched = (int) s.matches().stream().map(YaraScan.FileMatch::path).distinct().count();
      YaraScan.Result g = YaraScan.run(goodware, r, Map.of(), DiagnosticSink.ignoring(), threads);
      g.matches().forEach(m -> hits.add(m.path()));
    } catch (YaraSyntaxException e) {
      compiles = false;
    }
    return new Report(
        text,
        ranked.size(),
        bad.size(),
        chosen.stream().map(Candidate::text).toList(),
        compiles,
        realYara(text, samples),
        matched,
        samples.size(),
        good.files(),
        hits);
  }

  /** Compiles the rule with the yara binary and scans the samples with it, when installed. */
  static String realYara(String rule, List<Path> samples) throws IOException, InterruptedException {
    Path yara = Path.of("/usr/bin/yara");
    if (!Files.isExecutable(yara)) {
      return "not installed";
    }
    Path tmp = Files.createTempFile("bulwark-generated", ".yar");
    try {
      Files.writeString(tmp, rule, StandardCharsets.UTF_8);
      List<String> cmd = new ArrayList<>(List.of(yara.toString(), "-w", tmp.toString()));
      int ok = 0;
      for (Path s : samples) {
        List<String> c = new ArrayList<>(cmd);
        c.add(s.toString());
        Process p = new ProcessBuilder(c).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          return "failed: timed out";
        }
        if (p.exitValue() != 0) {
          return "failed: " + out.strip();
        }
        if (!out.isBlank()) {
          ok++;
        }
      }
      return "compiles; matches " + ok + " of " + samples.size() + " samples";
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
