package dev.bulwark.threatmodel.draft;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.ai.llm.LlmClient;
import dev.bulwark.ai.llm.LlmException;
import dev.bulwark.ai.llm.Message;
import dev.bulwark.ai.llm.StructuredOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Asks a language model what the deterministic draft missed (assets, links, threats) and checks
 * every proposal against the repository: the file it cites must exist inside the repository and the
 * cited line must contain the text the proposal quotes. A proposal that fails is kept, marked
 * unverified with the reason, so the reader sees what the model claimed and why it was not
 * believed. The model's answer is never used as a fact on its own.
 */
public final class LlmDrafter {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** How much repository text goes into the prompt, so a large repository stays one request. */
  static final int PROMPT_BUDGET_CHARS = 48_000;

  private static final long MAX_CITED_FILE_BYTES = 2L * 1024 * 1024;
  private static final int MIN_QUOTE_CHARS = 3;

  private static final String SCHEMA =
      """
      {"type":"object","required":["proposals"],"properties":{"proposals":{"type":"array",
       "items":{"type":"object","required":["kind","element","claim","file","line","quote"],
        "properties":{"kind":{"enum":["asset","link","threat"]},
         "element":{"type":"string","minLength":1},"claim":{"type":"string","minLength":1},
         "file":{"type":"string","minLength":1},"line":{"type":"integer","minimum":1},
         "quote":{"type":"string"}}}}}}
      """;

  private LlmDrafter() {}

  /** A proposal of the model and what the check made of it. */
  public record Proposal(
      String kind,
      String element,
      String claim,
      String file,
      int line,
      String quote,
      boolean verified,
      String reason) {}

  /** The proposals, or why there are none (the model's answers never passed the schema). */
  public record Result(List<Proposal> proposals, List<String> rejected, String model) {
    public long verified() {
      return proposals.stream().filter(Proposal::verified).count();
    }
  }

  public static Result propose(Path repo, Drafter.Draft base, LlmClient client)
      throws IOException, LlmException, InterruptedException {
    Path root = repo.toAbsolutePath().normalize();
    String prompt = prompt(root, base);
    StructuredOutput out = new StructuredOutput(client, JSON.readTree(SCHEMA), 2);
    StructuredOutput.Result r =
        out.request(
            List.of(
                Message.system(
                    "You help draft a threat model of a software repository. Propose technical"
                        + " assets, communication links and threats the draft misses. Every"
                        + " proposal must cite one file of the repository, a 1-based line number"
                        + " and a short quote copied exactly from that line. Answer with JSON"
                        + " only."),
                Message.user(prompt)));
    List<Proposal> proposals = new ArrayList<>();
    if (r.accepted()) {
      for (JsonNode p : r.value().path("proposals")) {
        proposals.add(
            verify(
                root,
                p.path("kind").asText(),
                p.path("element").asText(),
                p.path("claim").asText(),
                p.path("file").asText(),
                p.path("line").asInt(),
                p.path("quote").asText()));
      }
    }
    return new Result(proposals, r.rejected(), client.describe());
  }

  /** Checks one proposal's citation against the repository. */
  static Proposal verify(
      Path root, String kind, String element, String claim, String file, int line, String quote)
      throws IOException {
    String why = citationProblem(root, file, line, quote);
    return new Proposal(
        kind, element, claim, file, line, quote, why == null, why == null ? "" : why);
  }

  private static String citationProblem(Path root, String file, int line, String quote)
      throws IOException {
    Path p;
    try {
      p = root.resolve(file).normalize();
    } catch (java.nio.file.InvalidPathException e) {
      return "not a file name: " + file;
    }
    if (Path.of(file).isAbsolute() || !p.startsWith(root)) {
      return "cites a file outside the repository";
    }
    if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
      return "cited file does not exist";
    }
    if (!p.toRealPath().startsWith(root.toRealPath())) {
      return "cites a file outside the repository";
    }
    if (Files.size(p) > MAX_CITED_FILE_BYTES) {
      return "cited file too large to check";
    }
    List<String> lines = readLines(p);
    if (line < 1 || line > lines.size()) {
      return "cited line " + line + " is past the end of the file (" + lines.size() + " lines)";
    }
    String q = squash(quote);
    if (q.length() < MIN_QUOTE_CHARS) {
      return "quote too short to check";
    }
    if (!squash(lines.get(line - 1)).contains(q)) {
      return "line " + line + " does not say what the proposal quotes";
    }
    return null;
  }

  private static String squash(String s) {
    return s.trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
  }

  private static List<String> readLines(Path p) throws IOException {
    return new String(Files.readAllBytes(p), StandardCharsets.UTF_8).lines().toList();
  }

  /**
   * The draft so far, then the files it rests on and the repository's configuration files with line
   * numbers, within {@link #PROMPT_BUDGET_CHARS}.
   */
  static String prompt(Path root, Drafter.Draft base) throws IOException {
    StringBuilder b = new StringBuilder("Draft so far (Threagile YAML):\n");
    b.append(dev.bulwark.threatmodel.format.ThreagileWriter.write(base.model())).append('\n');
    Set<String> files = new LinkedHashSet<>();
    base.citations().forEach(c -> files.add(c.file()));
    try (var walk = Files.walk(root, 6)) {
      walk.filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS))
          .map(f -> root.relativize(f).toString().replace('\\', '/'))
          .filter(LlmDrafter::configLike)
          .sorted()
          .forEach(files::add);
    }
    for (String f : files) {
      Path p = root.resolve(f).normalize();
      if (!p.startsWith(root) || !Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
        continue;
      }
      if (Files.size(p) > MAX_CITED_FILE_BYTES) {
        continue;
      }
      StringBuilder one = new StringBuilder("File ").append(f).append(":\n");
      List<String> lines = readLines(p);
      for (int i = 0; i < lines.size(); i++) {
        one.append(i + 1).append(": ").append(redact(lines.get(i))).append('\n');
      }
      if (b.length() + one.length() > PROMPT_BUDGET_CHARS) {
        break;
      }
      b.append(one);
    }
    return b.toString();
  }

  private static final java.util.regex.Pattern SECRET_SETTING =
      java.util.regex.Pattern.compile(
          "(?i)^(\\s*[^=:#\\s]*(password|passwd|secret|token|api[-_.]?key|private[-_.]?key|webhook|credential)[^=:]*[=:]\\s*)\\S.*$");

  /**
   * The value of a setting whose name says it holds a secret, replaced: the model needs to know the
   * setting is there, never its value.
   */
  static String redact(String line) {
    var m = SECRET_SETTING.matcher(line);
    return m.matches() ? m.group(1) + "<redacted>" : line;
  }

  private static boolean configLike(String rel) {
    if (rel.startsWith(".git/") || rel.contains("/target/") || rel.contains("node_modules/")) {
      return false;
    }
    String name = rel.substring(rel.lastIndexOf('/') + 1);
    return name.endsWith(".properties")
        || name.endsWith(".yml")
        || name.endsWith(".yaml")
        || name.startsWith("Dockerfile")
        || name.equals("pom.xml")
        || name.equals("package.json");
  }
}
