package dev.bulwark.core.canary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.model.Finding;
import dev.bulwark.core.model.Location;
import dev.bulwark.core.model.Severity;
import dev.bulwark.core.report.FindingJson;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A canary call-back as a finding: one per token and caller, saying what and where. */
class CanaryFindingTest {
  private static final Instant T = Instant.parse("2026-12-06T10:00:00Z");
  private static final CanaryFinding.Token WIKI =
      new CanaryFinding.Token("abcdefghijklmnopqrst", "url", "wiki admin page");

  @Test
  void theSameTokenAndCaller_isOneFinding_anotherCallerOrTokenIsAnother() {
    Finding a = CanaryFinding.of(WIKI, T, "203.0.113.9", "curl/8", "http");
    Finding later = CanaryFinding.of(WIKI, T.plusSeconds(3600), "203.0.113.9", "Mozilla", "http");
    Finding otherCaller = CanaryFinding.of(WIKI, T, "203.0.113.10", "curl/8", "http");
    Finding otherToken =
        CanaryFinding.of(
            new CanaryFinding.Token("bbcdefghijklmnopqrst", "url", "wiki admin page"),
            T,
            "203.0.113.9",
            "curl/8",
            "http");
    assertThat(later.fingerprint()).isEqualTo(a.fingerprint());
    assertThat(otherCaller.fingerprint()).isNotEqualTo(a.fingerprint());
    assertThat(otherToken.fingerprint()).isNotEqualTo(a.fingerprint());
    assertThat(later.properties())
        .containsEntry("time", "2026-12-06T11:00:00Z")
        .containsEntry("userAgent", "Mozilla");
  }

  @Test
  void theFindingSaysWhatWasPlantedWhereWhenAndFromWhom_andSurvivesItsJsonForm() {
    Finding f = CanaryFinding.of(WIKI, T, "203.0.113.9", "curl/8", "http");
    assertThat(f.analyzer()).isEqualTo(CanaryFinding.ANALYZER);
    assertThat(f.ruleId()).isEqualTo(CanaryFinding.RULE);
    assertThat(f.severity()).isEqualTo(Severity.HIGH);
    assertThat(f.title()).isEqualTo("Canary token triggered: wiki admin page");
    assertThat(f.message())
        .contains("abcdefghijklmnopqrst (url)", "planted at: wiki admin page")
        .contains("2026-12-06T10:00:00Z", "203.0.113.9", "\"curl/8\"");
    assertThat(f.primaryLocation()).isEqualTo(new Location.Host(null, "203.0.113.9"));
    assertThat(f.properties())
        .containsEntry("canaryToken", "abcdefghijklmnopqrst")
        .containsEntry("canaryKind", "url")
        .containsEntry("canaryMemo", "wiki admin page")
        .containsEntry("canaryChannel", "http")
        .containsEntry("source", "203.0.113.9");
    assertThat(FindingJson.fromJson(FindingJson.toJson(f))).isEqualTo(f);

    Finding dns =
        CanaryFinding.of(
            new CanaryFinding.Token("abcdefghijklmnopqrst", null, null),
            T,
            "192.0.2.53",
            null,
            "dns");
    assertThat(dns.title()).isEqualTo("Canary token triggered");
    assertThat(dns.message()).contains("not in the team's registry", "the resolver");
    assertThat(dns.properties()).doesNotContainKeys("canaryKind", "canaryMemo", "userAgent");
  }
}
