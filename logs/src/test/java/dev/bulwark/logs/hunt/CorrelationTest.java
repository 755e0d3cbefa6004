package dev.bulwark.logs.hunt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.logs.event.Event;
import dev.bulwark.logs.sigma.Logsources;
import dev.bulwark.logs.sigma.RuleSet;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each correlation type of Sigma 2.1 on hand-made event sequences. */
class CorrelationTest {
  private static final String BASE =
      """
      title: Download
      id: 9d0e6f4a-0000-4000-8000-000000000001
      name: download
      logsource: {product: linux, service: syslog}
      detection:
        sel: {program: proxy, action: download}
        condition: sel
      level: low
      ---
      title: Execute
      id: 9d0e6f4a-0000-4000-8000-000000000002
      name: execute
      logsource: {product: linux, service: syslog}
      detection:
        sel: {program: auditd, action: exec}
        condition: sel
      level: low
      ---
      """;

  private static Event ev(int second, String... pairs) {
    Event e =
        new Event(
            "fixture.log",
            Integer.toString(second),
            Instant.parse("2024-01-01T00:00:00Z").plusSeconds(second),
            "syslog");
    for (int i = 0; i < pairs.length; i += 2) {
      e.put(pairs[i], pairs[i + 1]);
    }
    return e;
  }

  private static List<Detection> run(String correlation, Event... events) {
    RuleSet rules = RuleSet.parse("c.yml", BASE + correlation, Map.of(), Logsources.builtIn());
    assertThat(rules.problems()).isEmpty();
    Hunter h = new Hunter(rules, Logsources.builtIn(), Hunter.Options.defaults());
    for (Event e : events) {
      h.accept(e);
    }
    return h.finish().detections();
  }

  private static Event download(int s, String host, String bytes) {
    return ev(s, "program", "proxy", "action", "download", "host", host, "bytes", bytes);
  }

  private static Event exec(int s, String host) {
    return ev(s, "program", "auditd", "action", "exec", "hostname", host);
  }

  private static String corr(String type, String body) {
    return "title: C\nid: 9d0e6f4a-0000-4000-8000-0000000000c1\nlevel: high\ncorrelation:\n  type: "
        + type
        + "\n"
        + body.stripIndent().lines().map(l -> "  " + l).reduce("", (a, b) -> a + b + "\n");
  }

  @Test
  void temporalNeedsEveryRuleInTheSpanInAnyOrder() {
    String c =
        corr(
            "temporal",
            """
            rules: [download, execute]
            group-by: [host]
            timespan: 1m
            aliases:
              host: {download: host, execute: hostname}
            """);
    assertThat(run(c, exec(0, "a"), download(30, "a", "1"))).hasSize(1);
    assertThat(run(c, exec(0, "a"), download(90, "a", "1"))).isEmpty();
    assertThat(run(c, exec(0, "a"), download(10, "b", "1"))).isEmpty();
  }

  @Test
  void temporalOrderedNeedsTheOrder() {
    String c =
        corr(
            "temporal_ordered",
            """
            rules: [download, execute]
            group-by: [host]
            timespan: 1m
            aliases:
              host: {download: host, execute: hostname}
            """);
    List<Detection> d = run(c, download(0, "a", "1"), exec(20, "a"));
    assertThat(d).singleElement().satisfies(x -> assertThat(x.members()).hasSize(2));
    assertThat(run(c, exec(0, "a"), download(20, "a", "1"))).isEmpty();
  }

  @Test
  void valueAggregates() {
    Event[] ds = {
      download(0, "a", "100"),
      download(10, "a", "300"),
      download(20, "a", "800"),
      download(30, "a", "not a number")
    };
    assertThat(
            run(
                corr(
                    "value_sum",
                    "rules: [download]\ngroup-by: [host]\ntimespan: 1m\ncondition: {field: bytes, gte: 1200}"),
                ds))
        .hasSize(1);
    assertThat(
            run(
                corr(
                    "value_sum",
                    "rules: [download]\ngroup-by: [host]\ntimespan: 1m\ncondition: {field: bytes, gte: 1201}"),
                ds))
        .isEmpty();
    assertThat(
            run(
                corr(
                    "value_avg",
                    "rules: [download]\ngroup-by: [host]\ntimespan: 1m\ncondition: {field: bytes, gte: 400}"),
                ds))
        .singleElement()
        .satisfies(d -> assertThat(d.fields()).containsEntry("correlation_value", "400"));
    assertThat(
            run(
                corr(
                    "value_median",
                    "rules: [download]\ngroup-by: [host]\ntimespan: 1m\ncondition: {field: bytes, gte: 300, lte: 300}"),
                ds))
        .hasSize(1);
    assertThat(
            run(
                corr(
                    "value_percentile",
                    "rules: [download]\ngroup-by: [host]\ntimespan: 1m\ncondition: {field: bytes, percentile: 90, gt: 690}"),
                ds))
        .hasSize(1);
    assertThat(Correlator.percentile(new double[] {100, 300, 800}, 90))
        .isCloseTo(700.0, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void upperBoundsAreJudgedOnWholeWindows() {
    String fewer =
        corr(
            "event_count", "rules: [download]\ngroup-by: [host]\ntimespan: 1m\ncondition: {lt: 3}");
    assertThat(run(fewer, download(0, "a", "1"), download(10, "a", "1"), download(20, "a", "1")))
        .isEmpty();
    assertThat(run(fewer, download(0, "a", "1"), download(10, "a", "1"), download(200, "a", "1")))
        .hasSize(2);
  }

  @Test
  void rangesAndIdReferences() {
    String range =
        corr(
            "event_count",
            "rules: [9d0e6f4a-0000-4000-8000-000000000001]\ntimespan: 1m\ncondition: {gte: 2, lte: 3}");
    assertThat(run(range, download(0, "a", "1"), download(1, "b", "1"))).hasSize(1);
    String count =
        corr("value_count", "rules: [download]\ntimespan: 1h\ncondition: {field: host, gte: 3}");
    assertThat(run(count, download(0, "a", "1"), download(1, "a", "1"), download(2, "b", "1")))
        .isEmpty();
    assertThat(run(count, download(0, "a", "1"), download(1, "c", "1"), download(2, "b", "1")))
        .hasSize(1);
  }

  @Test
  void baseRulesStaySilentUnlessGenerate() {
    String quiet = corr("event_count", "rules: [download]\ntimespan: 1m\ncondition: {gte: 1}");
    assertThat(run(quiet, download(0, "a", "1")))
        .extracting(Detection::ruleTitle)
        .containsExactly("C");
    String loud =
        corr("event_count", "rules: [download]\ntimespan: 1m\ngenerate: true\ncondition: {gte: 1}");
    assertThat(run(loud, download(0, "a", "1")))
        .extracting(Detection::ruleTitle)
        .containsExactlyInAnyOrder("C", "Download");
  }

  @Test
  void badCorrelationsAreListed() {
    RuleSet set =
        RuleSet.parse(
            "c.yml",
            BASE
                + corr("event_count", "rules: [nothing]\ntimespan: 1m\ncondition: {gte: 1}")
                + "---\n"
                + corr("value_count", "rules: [download]\ntimespan: 1m\ncondition: {gte: 1}")
                + "---\n"
                + corr("event_count", "rules: [download]\ntimespan: soon\ncondition: {gte: 1}"),
            Map.of(),
            Logsources.builtIn());
    assertThat(set.correlations()).isEmpty();
    assertThat(set.problems())
        .extracting(RuleSet.Problem::message)
        .containsExactlyInAnyOrder(
            "correlation refers to rules that are not loaded: [nothing]",
            "correlation VALUE_COUNT needs condition.field",
            "invalid timespan 'soon' (expected e.g. 30s, 5m, 1h, 2d)");
  }

  @Test
  void noisyRulesAreCountedNotKept() {
    RuleSet rules = RuleSet.parse("c.yml", BASE, Map.of(), Logsources.builtIn());
    Hunter h =
        new Hunter(
            rules,
            Logsources.builtIn(),
            new Hunter.Options(dev.bulwark.core.model.Severity.INFO, null, null, 5));
    for (int i = 0; i < 20; i++) {
      h.accept(download(i, "a", "1"));
    }
    Hunter.HuntResult r = h.finish();
    assertThat(r.detections()).hasSize(5);
    assertThat(r.droppedDetections()).isEqualTo(15);
    assertThat(r.hitsByRule()).containsValue(20L);
  }

  @Test
  void correlationInputsStayWithinTheirMemoryBudget_andWhatIsLeftOutIsCounted() {
    String c =
        corr(
            "event_count",
            "rules: [download]\ngroup-by: [host]\ntimespan: 1h\ncondition: {gte: 3}");
    RuleSet rules = RuleSet.parse("c.yml", BASE + c, Map.of(), Logsources.builtIn());
    // A budget of a few kilobytes keeps a few dozen matches of the correlated rule, no more.
    Hunter h =
        new Hunter(
            rules,
            Logsources.builtIn(),
            new Hunter.Options(dev.bulwark.core.model.Severity.HIGH, null, null, 10_000),
            4_096);
    for (int i = 0; i < 10_000; i++) {
      h.accept(download(i % 3_000, "host" + (i % 2), "1"));
    }
    Hunter.HuntResult r = h.finish();
    assertThat(r.droppedCorrelationInputs()).isGreaterThan(9_000).isLessThan(10_000);
    assertThat(r.detections()).isNotEmpty().allMatch(Detection::isCorrelation);
    // members carry what the correlation read (its group-by field) and where the event came from
    Detection first = r.detections().get(0);
    assertThat(first.members()).isNotEmpty();
    assertThat(first.members().get(0).fields()).containsOnlyKeys("host");
    assertThat(first.members().get(0).source()).isEqualTo("fixture.log");
  }

  @Test
  void aMillionMatchesOfACorrelatedRuleFitInASmallHeap() {
    String c =
        corr(
            "event_count",
            "rules: [download]\ngroup-by: [host]\ntimespan: 1m\ncondition: {gte: 50}");
    RuleSet rules = RuleSet.parse("c.yml", BASE + c, Map.of(), Logsources.builtIn());
    Hunter h =
        new Hunter(
            rules,
            Logsources.builtIn(),
            new Hunter.Options(dev.bulwark.core.model.Severity.HIGH, null, null, 10_000),
            64L << 20);
    for (int i = 0; i < 1_000_000; i++) {
      h.accept(download(i / 10, "host" + (i % 4), "1"));
    }
    Hunter.HuntResult r = h.finish();
    // 64 MB holds them all in columns (whole detections would need about a gigabyte)
    assertThat(r.droppedCorrelationInputs()).isZero();
    assertThat(r.detections()).hasSizeGreaterThan(1_000);
  }

  @Test
  @org.junit.jupiter.api.Timeout(120) // a hang guard: quadratic windows took hours here
  void aLongBurstInOneGroup_isCountedInLinearTime() {
    String c =
        corr(
            "value_count",
            "rules: [download]\ngroup-by: [host]\ntimespan: 1h\ncondition: {gte: 3, field: bytes}");
    RuleSet rules = RuleSet.parse("c.yml", BASE + c, Map.of(), Logsources.builtIn());
    Hunter h = new Hunter(rules, Logsources.builtIn(), Hunter.Options.defaults());
    // 300,000 matches in the same second with two distinct values: the window never fires and
    // never shrinks, which made every step re-count the whole window.
    for (int i = 0; i < 300_000; i++) {
      h.accept(download(0, "a", i % 2 == 0 ? "1" : "2"));
    }
    h.accept(download(1, "a", "3"));
    List<Detection> found = h.finish().detections();
    assertThat(found.stream().filter(Detection::isCorrelation)).hasSize(1);
    assertThat(found.stream().filter(Detection::isCorrelation).findFirst().orElseThrow().fields())
        .containsEntry("correlation_value", "3");
  }
}
