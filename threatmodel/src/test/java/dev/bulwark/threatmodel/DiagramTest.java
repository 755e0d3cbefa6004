package dev.bulwark.threatmodel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.testing.Golden;
import dev.bulwark.threatmodel.diagram.Diagrams;
import dev.bulwark.threatmodel.diagram.Dot;
import dev.bulwark.threatmodel.diagram.Layered;
import dev.bulwark.threatmodel.format.Models;
import dev.bulwark.threatmodel.model.ThreatModel;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Data-flow diagrams of Threagile's example and Threat Dragon's demo, as golden files. */
class DiagramTest {
  private static ThreatModel model(String name) throws Exception {
    return Models.read(ModelFormatsTest.data().resolve(name));
  }

  @Test
  void threagileExample_dotAndBuiltInSvg_matchGolden() throws Exception {
    ThreatModel m = model("threagile/example-threagile.yaml");
    String dot = Dot.of(m);
    assertThat(dot).contains("subgraph \"cluster_web-dmz\"").contains("\"sql-database\" [label=");
    Golden.assertMatches("threagile-example/dfd.dot", dot);
    Golden.assertMatches("threagile-example/dfd-built-in.svg", Layered.svg(m));
  }

  @Test
  void threatDragonDemo_builtInSvg_matchesGolden() throws Exception {
    ThreatModel m = model("threat-dragon/demo-threat-model.json");
    String svg = Layered.svg(m);
    assertThat(svg).contains("Web Application").contains("class=\"node\"");
    Golden.assertMatches("threat-dragon-demo/dfd-built-in.svg", svg);
    Golden.assertMatches("threat-dragon-demo/dfd.dot", Dot.of(m));
  }

  @Test
  void graphviz_rendersEveryAssetAndCluster() throws Exception {
    Path dot = Diagrams.findDot().orElse(null);
    Assumptions.assumeTrue(
        dot != null, "Graphviz dot is not installed; skipped (install graphviz)");
    ThreatModel m = model("threagile/example-threagile.yaml");
    Diagrams.Svg svg = Diagrams.render(m);
    assertThat(svg.renderer()).isEqualTo("graphviz");
    for (var a : m.technicalAssets()) {
      assertThat(svg.text()).contains("<title>" + a.id().replace("-", "&#45;") + "</title>");
    }
    for (var b : m.trustBoundaries()) {
      assertThat(svg.text())
          .contains("<title>cluster_" + b.id().replace("-", "&#45;") + "</title>");
    }
    // dot's SVG differs between Graphviz versions, so it is checked by content, not as a golden
    java.nio.file.Files.createDirectories(Path.of("target/diagrams"));
    java.nio.file.Files.writeString(
        Path.of("target/diagrams/threagile-example-graphviz.svg"), svg.text());
  }
}
