package dev.bulwark.eval.model;

import dev.bulwark.ai.embed.Embeddings;
import dev.bulwark.ai.llm.Completion;
import dev.bulwark.ai.llm.LlmClient;
import dev.bulwark.ai.llm.LlmException;
import dev.bulwark.ai.llm.Message;
import dev.bulwark.core.errors.InputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CTIBench-layout suites, scored by exact match: {@code ctibench-rcm} (CVE description → CWE; the
 * last CWE id of the answer counts) and {@code ctibench-mcq} (multiple choice; the last standalone
 * letter A–D counts), each with the published prompt. For RCM, Bulwark's engine answers too:
 * weakness phrases from its rule knowledge first, then the nearest labelled descriptions by
 * embedding, learned on the other folds only (k-fold), so no item is predicted from its own label.
 */
public final class CtiSuite {
  public static final String RCM = "ctibench-rcm";
  public static final String MCQ = "ctibench-mcq";
  private static final Pattern CWE = Pattern.compile("CWE-\\d+");
  private static final Pattern LETTER = Pattern.compile("\\b([ABCD])\\b");

  /** One item. */
  public record Item(String id, String description, String prompt, String expected) {}

  /** One answer. */
  public record Outcome(
      String id,
      String expected,
      String predicted,
      boolean correct,
      int promptTokens,
      int completionTokens) {}

  /** A reproducible run record. */
  public record Run(
      String suite,
      String suiteSha256,
      String model,
      String promptVersion,
      long seed,
      List<Outcome> outcomes,
      Duration wall) {
    public double accuracy() {
      return outcomes.isEmpty()
          ? Double.NaN
          : (double) outcomes.stream().filter(Outcome::correct).count() / outcomes.size();
    }

    public long tokens() {
      return outcomes.stream().mapToLong(o -> o.promptTokens() + o.completionTokens()).sum();
    }
  }

  private final String name;
  private final List<Item> items;
  private final String sha256;

  private CtiSuite(String name, List<Item> items, String sha256) {
    this.name = name;
    this.items = items;
    this.sha256 = sha256;
  }

  public String name() {
    return name;
  }

  public List<Item> items() {
    return items;
  }

  public static CtiSuite load(String name, Path tsv, int limit) throws InputException, IOException {
    if (!name.equals(RCM) && !name.equals(MCQ)) {
      throw new InputException("unknown suite '" + name + "' (known: " + RCM + ", " + MCQ + ")");
    }
    if (!Files.isRegularFile(tsv)) {
      throw new InputException(tsv + ": suite file not found");
    }
    byte[] bytes = Files.readAllBytes(tsv);
    List<String> lines = List.of(new String(bytes, StandardCharsets.UTF_8).split("\r?\n"));
    List<String> header = lines.isEmpty() ? List.of() : List.of(lines.get(0).split("\t", -1));
    int prompt = header.indexOf("Prompt");
    int gt = header.indexOf("GT");
    int text = header.indexOf(name.equals(RCM) ? "Description" : "Question");
    if (prompt < 0 || gt < 0 || text < 0) {
      throw new InputException(
          tsv
              + ": expected CTIBench columns (URL, "
              + (name.equals(RCM) ? "Description" : "Question, Option A-D")
              + ", Prompt, GT)");
    }
    List<Item> items = new ArrayList<>();
    for (int i = 1; i < lines.size() && (limit <= 0 || items.size() < limit); i++) {
      String[] c = lines.get(i).split("\t", -1);
      if (c.length <= Math.max(prompt, gt) || c[gt].isBlank()) {
        continue;
      }
      String url = c[0];
      String id = url.substring(url.lastIndexOf('/') + 1) + "#" + i;
      String expected = name.equals(MCQ) ? c[gt].strip().toUpperCase(Locale.ROOT) : c[gt].strip();
      items.add(new Item(id, c[text], c[prompt], expected));
    }
    try {
      return new CtiSuite(
          name,
          items,
          HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The answer an item is scored on: the last CWE id, or the last standalone letter A–D. */
  String extract(String answer) {
    Matcher m = (name.equals(MCQ) ? LETTER : CWE).matcher(answer == null ? "" : answer);
    String last = null;
    while (m.find()) {
      last = m.group();
    }
    return last;
  }

  public Run runModel(LlmClient client) throws LlmException, InterruptedException {
    Instant t0 = Instant.now();
    List<Outcome> out = new ArrayList<>();
    for (Item it : items) {
      Completion c = client.complete(List.of(Message.user(it.prompt())));
      String p = extract(c.text());
      out.add(
          new Outcome(
              it.id(),
              it.expected(),
              p,
              it.expected().equals(p),
              c.promptTokens(),
              c.completionTokens()));
    }
    return new Run(
        name,
        sha256,
        client.describe(),
        name + "/as-published",
        0,
        out,
        Duration.between(t0, Instant.now()));
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

  /**
   * Bulwark's engine: a weakness phrase when the description names one, else the majority CWE of
   * the 5 nearest descriptions in the other folds.
   */
  public Run runEngine(Embeddings embeddings, int folds, long seed) throws InputException {
    if (!name.equals(RCM)) {
      throw new InputException("Bulwark's engine answers " + RCM + " only");
    }
    Instant t0 = Instant.now();
    List<float[]> vectors = embeddings.embedAll(items.stream().map(Item::description).toList());
    int[] fold = new int[items.size()];
    Random r = new Random(seed);
    for (int i = 0; i < fold.length; i++) {
      fold[i] = r.nextInt(folds);
    }
    List<Outcome> out = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      Item it = items.get(i);
      String p = byPhrase(it.description());
      if (p == null) {
        p = nearest(i, vectors, fold);
      }
      out.add(new Outcome(it.id(), it.expected(), p, it.expected().equals(p), 0, 0));
    }
    return new Run(
        name,
        sha256,
        "bulwark",
        "phrases+knn-" + folds + "fold",
        seed,
        out,
        Duration.between(t0, Instant.now()));
  }

  private String nearest(int i, List<float[]> vectors, int[] fold) {
    record Scored(int j, double s) {}
    List<Scored> scored = new ArrayList<>();
    for (int j = 0; j < items.size(); j++) {
      if (fold[j] != fold[i]) {
        scored.add(new Scored(j, Embeddings.cosine(vectors.get(i), vectors.get(j))));
      }
    }
    scored.sort((a, b) -> Double.compare(b.s(), a.s()));
    Map<String, Double> votes = new HashMap<>();
    for (Scored s : scored.subList(0, Math.min(5, scored.size()))) {
      votes.merge(items.get(s.j()).expected(), s.s(), Double::sum);
    }
    return votes.entrySet().stream()
        .max(Map.Entry.comparingByValue())
        .map(Map.Entry::getKey)
        .orElse(null);
  }
}
