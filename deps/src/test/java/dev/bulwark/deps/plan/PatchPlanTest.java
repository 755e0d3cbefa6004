package dev.bulwark.deps.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.deps.db.AdvisoryDb;
import dev.bulwark.deps.db.Importer;
import dev.bulwark.deps.match.Matcher;
import dev.bulwark.deps.match.VulnMatch;
import dev.bulwark.deps.model.Component;
import dev.bulwark.deps.model.Ecosystem;
import dev.bulwark.deps.reach.Reachability;
import dev.bulwark.deps.vex.VexWriters;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PatchPlanTest {
  @TempDir Path dir;
  private static final ZonedDateTime NOW =
      ZonedDateTime.of(2026, 11, 25, 12, 0, 0, 0, ZoneOffset.UTC);

  private List<VulnMatch> matches() throws Exception {
    try (AdvisoryDb db = AdvisoryDb.open(dir)) {
      new Importer(db, d -> {})
          .importPath(Path.of(PatchPlanTest.class.getResource("/dev/bulwark/deps/seed").toURI()));
      return new Matcher(db)
          .match(
              List.of(
                  Component.direct(
                      Ecosystem.MAVEN,
                      "org.apache.logging.log4j:log4j-core",
                      "2.14.1",
                      "pom.xml",
                      "compile"),
                  Component.direct(
                      Ecosystem.MAVEN,
                      "org.springframework:spring-webmvc",
                      "5.3.17",
                      "pom.xml",
                      "compile"),
                  Component.direct(
                      Ecosystem.MAVEN,
                      "org.springframework:spring-beans",
                      "5.2.5.RELEASE",
                      "sub/pom.xml",
                      "compile")));
    }
  }

  private static PlanSettings settings(String yaml) throws Exception {
    return PlanSettings.from(
        new ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
            .readTree(yaml)
            .path("deps"),
        NOW);
  }

  @Test
  void upgrades_fixEveryVulnerability_areOrderedByUrgency_andFillWindowsByCapacity()
      throws Exception {
    List<VulnMatch> ms = matches();
    Map<VulnMatch, Reachability.Verdict> reach = new IdentityHashMap<>();
    for (VulnMatch m : ms) {
      boolean log4j = m.component().name().contains("log4j");
      reach.put(
          m,
          new Reachability.Verdict(
              log4j ? Reachability.State.REACHABLE : Reachability.State.UNREACHABLE, "test"));
    }
    PatchPlan.Plan plan =
        PatchPlan.make(
            ms,
            reach,
            settings(
                "deps:\n  assets: {exposure: open, safety-impact: critical, mission-impact: mef failure}\n  windows: {first: 2026-12-01T22:00, every: 7d, duration: 2h, capacity: 1}\n"),
            NOW);
    assertThat(plan.upgrades()).hasSize(3);
    PatchPlan.Upgrade first = plan.upgrades().get(0);
    assertThat(first.component().name()).isEqualTo("org.apache.logging.log4j:log4j-core");
    assertThat(first.target())
        .contains("2.17.0"); // fixes CVE-2021-44228, -45046 and -45105 together
    assertThat(first.decision()).isEqualTo(Ssvc.Decision.IMMEDIATE);
    PatchPlan.Upgrade beans =
        plan.upgrades().stream()
            .filter(u -> u.component().name().endsWith("spring-beans"))
            .findFirst()
            .orElseThrow();
    assertThat(beans.target()).contains("5.2.20.RELEASE");
    // with high human impact, known exploited and automatable means immediate: out of band, now
    assertThat(plan.windows()).hasSize(1);
    assertThat(plan.windows().get(0).outOfBand()).isTrue();
    assertThat(plan.windows().get(0).start()).isEqualTo(NOW);
    // with low human impact the same upgrades go out of cycle, into windows by capacity
    PatchPlan.Plan low =
        PatchPlan.make(
            ms,
            reach,
            settings(
                "deps:\n  windows: {first: 2026-12-01T22:00, every: 7d, duration: 2h, capacity: 1}\n"),
            NOW);
    assertThat(low.upgrades()).allMatch(u -> u.decision() == Ssvc.Decision.OUT_OF_CYCLE);
    assertThat(low.windows()).hasSize(3).allMatch(w -> w.upgrades().size() == 1 && !w.outOfBand());
    assertThat(low.windows().get(0).start())
        .isEqualTo(ZonedDateTime.of(2026, 12, 1, 22, 0, 0, 0, ZoneOffset.UTC));
    assertThat(low.windows().get(1).start())
        .isEqualTo(ZonedDateTime.of(2026, 12, 8, 22, 0, 0, 0, ZoneOffset.UTC));
    assertThat(low.upgrades().get(0).component().name())
        .as("reachable first")
        .isEqualTo("org.apache.logging.log4j:log4j-core");
    assertThat(plan.byManifest().keySet()).containsExactlyInAnyOrder("pom.xml", "sub/pom.xml");
    assertThat(first.lateForSla()).isTrue(); // the KEV due date passed long ago
  }

  @Test
  void ssvc_usesTheDeployerTable() {
    assertThat(Ssvc.deployer("active", "open", true, "very high"))
        .isEqualTo(Ssvc.Decision.IMMEDIATE);
    assertThat(Ssvc.deployer("none", "small", false, "low")).isEqualTo(Ssvc.Decision.DEFER);
    assertThat(Ssvc.humanImpact("negligible", "degraded")).isEqualTo("low");
  }

  @Test
  void calendar_isRfc5545_withFoldedLines() throws Exception {
    PatchPlan.Plan plan =
        PatchPlan.make(matches(), new IdentityHashMap<>(), settings("deps: {}\n"), NOW);
    String ics = PlanWriters.ics(plan, "test");
    assertThat(ics)
        .startsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
        .endsWith("END:VCALENDAR\r\n")
        .contains("BEGIN:VEVENT", "DTSTART:2026");
    for (String line : ics.split("\r\n")) {
      assertThat(line.getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
          .as(line)
          .isLessThanOrEqualTo(75);
    }
    assertThat(ics.replace("\r\n ", ""))
        .contains("org.apache.logging.log4j:log4j-core 2.14.1 -> 2.17.0");
    assertThat(PlanWriters.markdown(plan))
        .contains("| org.apache.logging.log4j:log4j-core | 2.14.1 | 2.17.0 |");
    assertThat(new ObjectMapper().readTree(PlanWriters.json(plan)).path("windows").size())
        .isPositive();
  }

  @Test
  void vex_marksUnreachablePackagesNotAffected() throws Exception {
    List<VulnMatch> ms = matches();
    Map<VulnMatch, Reachability.Verdict> reach = new IdentityHashMap<>();
    for (VulnMatch m : ms) {
      reach.put(
          m,
          new Reachability.Verdict(
              m.component().name().contains("webmvc")
                  ? Reachability.State.UNREACHABLE
                  : Reachability.State.REACHABLE,
              "because"));
    }
    var cdx =
        new ObjectMapper()
            .readTree(VexWriters.cycloneDx(ms, reach, Instant.parse("2026-11-25T00:00:00Z")));
    var webmvc =
        java.util.stream.StreamSupport.stream(cdx.path("vulnerabilities").spliterator(), false)
            .filter(v -> v.path("affects").get(0).path("ref").asText().contains("spring-webmvc"))
            .findFirst()
            .orElseThrow();
    assertThat(webmvc.path("analysis").path("state").asText()).isEqualTo("not_affected");
    assertThat(webmvc.path("analysis").path("justification").asText())
        .isEqualTo("code_not_reachable");
    var open =
        new ObjectMapper()
            .readTree(VexWriters.openVex(ms, reach, Instant.parse("2026-11-25T00:00:00Z")));
    assertThat(open.path("@context").asText()).isEqualTo("https://openvex.dev/ns/v0.2.0");
    assertThat(open.path("statements").findValuesAsText("status"))
        .contains("affected", "not_affected");
  }
}
