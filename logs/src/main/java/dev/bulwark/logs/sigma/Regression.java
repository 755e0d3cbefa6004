package dev.bulwark.logs.sigma;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.bulwark.core.errors.DiagnosticSink;
import dev.bulwark.logs.event.LogReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Sigma's regression data: for each {@code info.yml}, the rule named in {@code rule_metadata} must
 * match the event file it names at least {@code match_count} times (1 when not given). The JSON
 * rendering beside each EVTX file is checked too, so both readers answer the same.
 */
public final class Regression {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** One regression case and what the engine did with it. */
  public record Case(
      String ruleId,
      Path info,
      Path evtx,
      int expected,
      int matchedEvtx,
      int matchedJson,
      String problem) {
    public boolean passed() {
      return problem == null
          && matchedEvtx >= expected
          && (matchedJson < 0 || matchedJson >= expected);
    }
  }

  private Regression() {}

  public static List<Case> run(
      Path regressionDir, Path sigmaRoot, RuleSet rules, Logsources logsources) throws IOException {
    List<Path> infos;
    try (Stream<Path> s = Files.walk(regressionDir)) {
      infos = s.filter(p -> p.getFileName().toString().equals("info.yml")).sorted().toList();
    }
    List<Case> out = new ArrayList<>();
    for (Path info : infos) {
      JsonNode doc = YAML.readTree(info.toFile());
      String id = doc.path("rule_metadata").path(0).path("id").asText(null);
      JsonNode test = doc.path("regression_tests_info").path(0);
      String rel = test.path("path").asText(null);
      if (id == null || rel == null) {
        continue;
      }
      int expected = test.path("match_count").asInt(1);
      Path evtx = sigmaRoot.resolve(rel);
      SigmaRule rule =
          rules.rules().stream().filter(r -> id.equals(r.meta().id())).findFirst().orElse(null);
      if (rule == null) {
        out.add(new Case(id, info, evtx, expected, 0, -1, "rule not loaded"));
        continue;
      }
      if (!Files.exists(evtx)) {
        out.add(new Case(id, info, evtx, expected, 0, -1, "event file missing"));
        continue;
      }
      int evtxHits = count(rule, evtx, logsources);
      Path json =
          evtx.resolveSibling(evtx.getFileName().toString().replaceFirst("\\.evtx$", ".json"));
      int jsonHits = Files.exists(json) && !json.equals(evtx) ? count(rule, json, logsources) : -1;
      out.add(new Case(id, info, evtx, expected, evtxHits, jsonHits, null));
    }
    return out;
  }

  private static int count(SigmaRule rule, Path file, Logsources logsources) {
    int[] n = {0};
    new LogReader(LogReader.Options.defaults(), DiagnosticSink.ignoring())
        .read(
            file,
            e -> {
              boolean routed = logsources.route(e).stream().anyMatch(rule.logsource()::covers);
              if (routed && rule.matches(e)) {
                n[0]++;
              }
            });
    return n[0];
  }
}
