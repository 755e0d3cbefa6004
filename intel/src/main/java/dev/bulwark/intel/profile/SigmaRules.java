package dev.bulwark.intel.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.bulwark.core.errors.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads Sigma rule files for their ATT&CK tags ({@code attack.t1059.001}) and log source; the
 * detection logic is not needed to know what a rule covers. A rule that is not valid YAML is
 * reported and skipped.
 */
public final class SigmaRules {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Pattern TAG = Pattern.compile("attack\\.(t\\d{4}(?:\\.\\d{3})?)");
  private static final long MAX_RULE_BYTES = 1024 * 1024;

  private SigmaRules() {}

  /** Every rule under the given files and folders ({@code .yml}/{@code .yaml}). */
  public static List<SigmaRule> read(List<Path> roots, Consumer<String> problems)
      throws InputException {
    List<SigmaRule> out = new ArrayList<>();
    for (Path root : roots) {
      if (!Files.exists(root)) {
        throw new InputException(root + ": no such rule file or folder");
      }
      List<Path> files;
      try (Stream<Path> s = Files.walk(root)) {
        files =
            s.filter(Files::isRegularFile)
                .filter(f -> f.toString().endsWith(".yml") || f.toString().endsWith(".yaml"))
                .sorted()
                .toList();
      } catch (IOException e) {
        throw new InputException(root + ": cannot list rules: " + e.getMessage(), e);
      }
      for (Path f : files) {
        try {
          if (Files.size(f) > MAX_RULE_BYTES) {
            problems.accept(f + ": larger than 1 MB; skipped");
            continue;
          }
          JsonNode doc = YAML.readTree(f.toFile());
          if (doc == null || !doc.has("detection") && !doc.has("correlation")) {
            continue; // a log source mapping or other non-rule YAML
          }
          out.add(rule(doc, f));
        } catch (IOException e) {
          problems.accept(f + ": not a readable Sigma rule: " + firstLine(e.getMessage()));
        }
      }
    }
    return out;
  }

  /** The ATT&CK technique ids of a rule's tags ({@code attack.t1059.001} → {@code T1059.001}). */
  public static List<String> techniques(List<String> tags) {
    List<String> techniques = new ArrayList<>();
    for (String t : tags) {
      Matcher m = TAG.matcher(t.toLowerCase(Locale.ROOT));
      if (m.matches()) {
        String id = m.group(1).toUpperCase(Locale.ROOT);
        if (!techniques.contains(id)) {
          techniques.add(id);
        }
      }
    }
    return techniques;
  }

  static SigmaRule rule(JsonNode doc, Path f) {
    List<String> tags = new ArrayList<>();
    doc.path("tags").forEach(t -> tags.add(t.asText()));
    List<String> techniques = techniques(tags);
    JsonNode ls = doc.path("logsource");
    List<String> parts = new ArrayList<>();
    for (String k : List.of("product", "category", "service")) {
      if (ls.hasNonNull(k)) {
        parts.add(ls.get(k).asText());
      }
    }
    String logsource = parts.isEmpty() ? "correlation" : String.join("/", parts);
    return new SigmaRule(
        doc.path("id").asText(f.getFileName().toString()),
        doc.path("title").asText(""),
        doc.path("author").asText(""),
        techniques,
        logsource,
        f);
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
