package dev.bulwark.eval.model;

import dev.bulwark.ai.embed.Embeddings;
import dev.bulwark.core.errors.InputException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * CTIBench RCM: a CVE description → its CWE; the last CWE id of the answer counts. Bulwark's engine
 * answers with a weakness phrase when the description names one, else the CWE the 5 nearest
 * descriptions of the other folds vote for.
 */
final class RcmSuite extends ModelSuite {
  static final String NAME = "ctibench-rcm";
  private static final Pattern CWE = Pattern.compile("CWE-\\d+");

  private RcmSuite(List<Item> items, String sha256) {
    super(NAME, items, sha256);
  }

  static RcmSuite load(Path file, int limit) throws IOException, InputException {
    CtiTsv.Loaded tsv =
        CtiTsv.load(
            file, List.of("URL", "Description", "Prompt", "GT"), "URL, Description, Prompt, GT");
    return new RcmSuite(tsv.items("Description", limit), tsv.sha256());
  }

  @Override
  public Metric metric() {
    return Metric.accuracy("CVE→CWE, exact");
  }

  @Override
  String extract(String answer) {
    return Answers.last(CWE, answer);
  }

  @Override
  public Run runEngine(Embeddings embeddings, int folds, long seed) {
    Instant t0 = Instant.now();
    Neighbours neighbours = new Neighbours(embeddings, items(), folds, seed);
    List<Outcome> out = new ArrayList<>();
    for (int i = 0; i < items().size(); i++) {
      Item it = items().get(i);
      String p = byPhrase(it.description());
      if (p == null) {
        p = Neighbours.vote(neighbours.of(i), j -> List.of(items().get(j).expected()));
      }
      out.add(score(it, p, 0, 0));
    }
    return engineRun("phrases+knn-" + folds + "fold", seed, out, t0);
  }

  /** Weakness phrases and the CWE they name, most specific first. */
  private static final Map<String, String> PHRASES = phrases();

  private static Map<String, String> phrases() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("cross-site request forgery", "CWE-352");
    m.put("csrf", "CWE-352");
    m.put("cross-site scripting", "CWE-79");
    m.put("cross site scripting", "CWE-79");
    m.put("xss", "CWE-79");
    m.put("sql injection", "CWE-89");
    m.put("os command injection", "CWE-78");
    m.put("command injection", "CWE-77");
    m.put("use-after-free", "CWE-416");
    m.put("use after free", "CWE-416");
    m.put("double free", "CWE-415");
    m.put("out-of-bounds write", "CWE-787");
    m.put("out-of-bounds read", "CWE-125");
    m.put("null pointer dereference", "CWE-476");
    m.put("integer overflow", "CWE-190");
    m.put("path traversal", "CWE-22");
    m.put("directory traversal", "CWE-22");
    m.put("unrestricted upload", "CWE-434");
    m.put("server-side request forgery", "CWE-918");
    m.put("ssrf", "CWE-918");
    m.put("xml external entit", "CWE-611");
    m.put("open redirect", "CWE-601");
    m.put("deserialization of untrusted data", "CWE-502");
    m.put("deserialization", "CWE-502");
    m.put("hard-coded credential", "CWE-798");
    m.put("hardcoded credential", "CWE-798");
    m.put("missing authorization", "CWE-862");
    m.put("incorrect authorization", "CWE-863");
    m.put("improper authentication", "CWE-287");
    m.put("race condition", "CWE-362");
    m.put("uncontrolled resource consumption", "CWE-400");
    m.put("stack-based buffer overflow", "CWE-121");
    m.put("heap-based buffer overflow", "CWE-122");
    m.put("buffer overflow", "CWE-120");
    m.put("cleartext", "CWE-319");
    m.put("information exposure", "CWE-200");
    m.put("sensitive information", "CWE-200");
    m.put("improper input validation", "CWE-20");
    return m;
  }

  static String byPhrase(String description) {
    String d = description.toLowerCase(Locale.ROOT);
    for (Map.Entry<String, String> e : PHRASES.entrySet()) {
      if (d.contains(e.getKey())) {
        return e.getValue();
      }
    }
    return null;
  }
}
