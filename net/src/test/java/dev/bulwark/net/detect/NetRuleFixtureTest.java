package dev.bulwark.net.detect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.core.model.Finding;
import dev.bulwark.core.testing.RuleFixtures;
import dev.bulwark.net.zeek.ZeekLogWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every network rule against its annotated fixture: Zeek JSON records, each marked {@code #
 * ruleid:} (must fire, on that record) or {@code # ok:} (must not).
 */
class NetRuleFixtureTest {
  static final Path DIR = Path.of("src/test/resources/dev/bulwark/net/rules");
  static final ObjectMapper JSON = new ObjectMapper();

  static List<Path> fixtures() throws Exception {
    try (Stream<Path> s = Files.list(DIR)) {
      return s.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList();
    }
  }

  @TestFactory
  Stream<DynamicTest> everyFixture_matchesItsMarkers() throws Exception {
    return RuleFixtures.tests(fixtures(), (file, expectations) -> fired(file));
  }

  @Test
  void everyRule_hasBothKindsOfCase() throws Exception {
    List<String> ids = NetDetections.builtIn().stream().map(NetRule::id).toList();
    assertThat(RuleFixtures.coverageProblems(ids, fixtures())).isEmpty();
  }

  static Map<Integer, Set<String>> fired(Path file) throws Exception {
    String log = null;
    NetDetections d = new NetDetections(NetDetections.builtIn(), file.toString());
    List<String> lines = Files.readAllLines(file);
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i).strip();
      if (l.isEmpty() || l.startsWith("#")) {
        if (log == null && l.startsWith("# ") && l.contains(".log")) {
          log = l.substring(2, l.indexOf(".log"));
        }
        continue;
      }
      JsonNode n = JSON.readTree(l);
      Map<String, Object> r = new LinkedHashMap<>();
      for (var e : n.properties()) {
        JsonNode v = e.getValue();
        Object value =
            e.getKey().equals("ts")
                ? new ZeekLogWriter.Time(Math.round(v.asDouble() * 1e6) * 1000)
                : v.isNumber() ? (Object) v.numberValue() : v.asText();
        r.put(e.getKey(), value);
      }
      // the uid names the fixture line, so a finding maps back to the record it cites
      r.put("uid", "L" + (i + 1));
      d.record(log, r);
    }
    Map<Integer, Set<String>> out = new HashMap<>();
    for (Finding f : d.finish()) {
      int line = Integer.parseInt(f.properties().get("net-uid").substring(1));
      out.computeIfAbsent(line, k -> new TreeSet<>()).add(f.ruleId());
    }
    return out;
  }
}
