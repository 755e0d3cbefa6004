package dev.bulwark.intel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.bulwark.core.testing.SharedData;
import dev.bulwark.intel.analysis.IntelReport;
import dev.bulwark.intel.analysis.IntelReport.Status;
import dev.bulwark.intel.profile.OrgProfile;
import dev.bulwark.intel.render.NavigatorLayers;
import dev.bulwark.intel.stix.StixBundleReader;
import dev.bulwark.intel.stix.StixValidator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The three example profiles of {@code examples/intel} against the real ATT&CK, MISP and KEV data,
 * the demo web shop's dependency report and Bulwark's Sigma rule pack: the report ranks actors with
 * evidence, finds the KEV entries of the stack, and its Navigator layers and STIX bundle validate.
 */
class ExampleProfilesTest {
  static final Instant AT = Instant.parse("2026-12-01T00:00:00Z");
  static final Path EXAMPLES = Path.of("../examples/intel");

  @ParameterizedTest
  @ValueSource(strings = {"hospital-eu", "finance-us", "defence-kr"})
  void exampleProfile_reportsRankedActorsCoverageAndValidLayers(String name) throws Exception {
    Optional<Path> dir = SharedIntel.store();
    assumeTrue(dir.isPresent(), SharedIntel.skip());
    Path config = EXAMPLES.resolve(name).resolve("bulwark.yaml");
    JsonNode yaml = new ObjectMapper(new YAMLFactory()).readTree(config.toFile());
    OrgProfile profile =
        OrgProfile.fromSection(yaml.path("intel"), config.getParent(), config.toString());
    Optional<Path> sigma = SharedData.dir("sigma");
    if (sigma.isPresent()) {
      profile =
          profile.withInputs(
              List.of(), List.of(), List.of(sigma.get().resolve("rules")), List.of());
    }
    List<String> problems = new ArrayList<>();
    IntelService service = new IntelService(dir.get());
    IntelService.Rendered md =
        service.report(profile, List.of(), IntelService.Format.MD, AT, problems::add);
    IntelService.Rendered stix =
        service.report(profile, List.of(), IntelService.Format.STIX, AT, problems::add);
    IntelReport r = md.report();

    Path out = Path.of("target/intel-examples/" + name);
    Files.createDirectories(out);
    Files.writeString(out.resolve("report.md"), md.document());
    Files.writeString(out.resolve("report.stix.json"), stix.document());
    Files.writeString(
        out.resolve("navigator.json"),
        StixBundleReader.mapper()
            .writerWithDefaultPrettyPrinter()
            .writeValueAsString(md.navigator()));

    System.out.printf(
        "%n== %s: %d techniques, %d detected, %d partial, %d gaps (%d with candidates),"
            + " weighted coverage %.1f %%; KEV in stack %s%n",
        r.organisation(),
        r.coverage().techniques(),
        r.coverage().detected(),
        r.coverage().partial(),
        r.coverage().gaps(),
        r.coverage().gapsWithCandidateRules(),
        r.coverage().weightedCoverage() * 100,
        r.kevInStack().stream().map(k -> k.cve() + " due " + k.dueDate()).toList());
    for (IntelReport.RankedActor a : r.actors().subList(0, Math.min(5, r.actors().size()))) {
      System.out.printf("  %d. %s %s score %.2f%n", a.rank(), a.name(), a.attackIds(), a.score());
      a.evidence()
          .forEach(e ->
              System.out.printf(
                  "       %s (%s): %s — %s%n", e.factor(), e.points(), e.detail(), e.source()));
    }

    assertThat(problems).isEmpty();
    assertThat(r.actors()).hasSize(10);
    assertThat(r.actors())
        .allSatisfy(a -> assertThat(a.evidence()).anyMatch(e -> !e.factor().equals("recency")));
    assertThat(r.kevInStack())
        .extracting(IntelReport.KevExposure::cve)
        .contains("CVE-2021-44228", "CVE-2022-22965");
    assertThat(r.coverage().techniques()).isGreaterThan(50);
    assertThat(r.coverage().detected()).isPositive();
    assertThat(r.techniques().get(0).status()).isEqualTo(Status.GAP);
    assertThat(NavigatorLayers.validate(md.navigator())).isEmpty();
    assertThat(StixValidator.validate(StixBundleReader.mapper().readTree(stix.document())))
        .isEmpty();
  }
}
