package dev.bulwark.threatmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.errors.InputException;
import dev.bulwark.threatmodel.diagram.Layered;
import dev.bulwark.threatmodel.format.Models;
import dev.bulwark.threatmodel.model.ThreatModel;
import dev.bulwark.threatmodel.report.PublishedCheck;
import dev.bulwark.threatmodel.report.RiskMatrix;
import dev.bulwark.threatmodel.rules.Risk;
import dev.bulwark.threatmodel.rules.RuleEngine;
import dev.bulwark.threatmodel.rules.RuleLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A check as published for the team server reads back whole: model, risks and evidence. */
class PublishedCheckTest {
  @TempDir Path dir;

  @Test
  void example_publishedAndReadBack_keepsModelRisksAndMatrix() throws Exception {
    Path file = ModelFormatsTest.data().resolve("threagile/example-threagile.yaml");
    ThreatModel m = Models.read(file);
    List<Risk> risks = RuleEngine.builtIn().assess(m, RuleLoader.builtIn());
    Risk first = risks.get(0);
    risks = new java.util.ArrayList<>(risks.subList(1, risks.size()));
    risks.add(
        first.with(
            first.likelihood(),
            first.status(),
            List.of(
                new Risk.Evidence(
                    "0123456789abcdef0123456789abcdef",
                    "java-sqli",
                    "src/Shop.java:12",
                    Risk.Effect.CONFIRMS,
                    "CWE-89 in the asset's code"))));
    PublishedCheck c = PublishedCheck.of(file, m, risks, 7, Instant.parse("2026-12-06T21:00:00Z"));
    assertThat(c.modelFile()).isEqualTo("example-threagile.yaml");
    assertThat(c.risks()).hasSize(95);
    assertThat(c.risks().get(0).severity()).as("worst first").isIn("critical", "high");

    Path written = PublishedCheck.publish(dir, c);
    assertThat(written).isEqualTo(dir.resolve("threatmodel/check.json"));
    PublishedCheck back = PublishedCheck.published(dir).orElseThrow();
    assertThat(back).isEqualTo(c);
    assertThat(back.model()).isEqualTo(m.withoutSources());
    assertThat(Layered.svg(back.model())).isEqualTo(Layered.svg(m));
    assertThat(RiskMatrix.of(back).markdown()).isEqualTo(RiskMatrix.of(risks).markdown());
    assertThat(back.risks().stream().filter(r -> !r.evidence().isEmpty()).toList())
        .singleElement()
        .satisfies(r -> {
          assertThat(r.id()).isEqualTo(first.syntheticId());
          assertThat(r.evidence().get(0).fingerprint())
              .isEqualTo("0123456789abcdef0123456789abcdef");
        });
  }

  @Test
  void nothingPublished_isEmpty_andADamagedFileIsAnInputError() throws Exception {
    assertThat(PublishedCheck.published(dir)).isEmpty();
    Files.createDirectories(dir.resolve("threatmodel"));
    Files.writeString(dir.resolve(PublishedCheck.PUBLISHED), "{\"risks\": 3");
    assertThatThrownBy(() -> PublishedCheck.published(dir))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("check.json");
  }
}
