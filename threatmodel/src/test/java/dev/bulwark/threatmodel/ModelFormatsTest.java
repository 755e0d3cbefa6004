package dev.bulwark.threatmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.core.testing.SharedData;
import dev.bulwark.threatmodel.format.Models;
import dev.bulwark.threatmodel.format.OtmFormat;
import dev.bulwark.threatmodel.format.ThreagileWriter;
import dev.bulwark.threatmodel.model.CommunicationLink;
import dev.bulwark.threatmodel.model.DataAsset;
import dev.bulwark.threatmodel.model.TechnicalAsset;
import dev.bulwark.threatmodel.model.ThreatModel;
import dev.bulwark.threatmodel.model.TrustBoundary;
import dev.bulwark.threatmodel.tree.ModelException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

class ModelFormatsTest {
  static final List<String> MODELS =
      List.of(
          "threagile/example-threagile.yaml",
          "threagile/stub-threagile.yaml",
          "threagile/test/main.yaml",
          "threagile/test/all.yaml",
          "threagile/test/all.json",
          "threat-dragon/demo-threat-model.json",
          "threat-dragon/v2-threat-model.json",
          "threat-dragon/generic-cms.json",
          "threat-dragon/payment-online.json",
          "threat-dragon/three-tier-web-app.json",
          "threat-dragon/example-open-threat-model.json",
          "threat-dragon/tmbom-pytm-example.cdx.json");

  static Path data() {
    var dir = SharedData.dir("threatmodel");
    Assumptions.assumeTrue(dir.isPresent(), SharedData.skipMessage("threatmodel"));
    return dir.get();
  }

  @TestFactory
  Stream<DynamicTest> everyModel_loads_andRoundTripsThroughThreagileYaml(@TempDir Path tmp) {
    Path dir = data();
    return MODELS.stream()
        .map(name ->
            DynamicTest.dynamicTest(
                name,
                () -> {
                  ThreatModel m = Models.read(dir.resolve(name));
                  assertThat(m.technicalAssets()).as(name).isNotEmpty();
                  Path out = tmp.resolve(name.replace('/', '_') + ".threagile.yaml");
                  Files.writeString(out, ThreagileWriter.write(m));
                  ThreatModel back = Models.read(out);
                  assertThat(back.withoutSources()).isEqualTo(m.withoutSources());
                }));
  }

  @Test
  void threagileExample_roundTripsLosslessly(@TempDir Path tmp) throws Exception {
    ThreatModel m = Models.read(data().resolve("threagile/example-threagile.yaml"));
    assertThat(m.technicalAssets()).hasSize(14);
    assertThat(m.links()).hasSize(20);
    assertThat(m.riskTracking()).hasSize(6);
    Path out = tmp.resolve("again.yaml");
    Files.writeString(out, ThreagileWriter.write(m));
    ThreatModel back = Models.read(out);
    assertThat(back.withoutSources()).isEqualTo(m.withoutSources());
    assertThat(ThreagileWriter.write(back)).isEqualTo(ThreagileWriter.write(m));
  }

  @Test
  void threagileExample_throughOtm_keepsAssetsLinksAndBoundaries(@TempDir Path tmp)
      throws Exception {
    ThreatModel m = Models.read(data().resolve("threagile/example-threagile.yaml"));
    Path out = tmp.resolve("model.otm.json");
    Files.writeString(out, OtmFormat.write(m));
    ThreatModel back = Models.read(out);
    assertThat(back.technicalAssets())
        .extracting(TechnicalAsset::id)
        .containsExactlyElementsOf(m.technicalAssets().stream().map(TechnicalAsset::id).toList());
    assertThat(back.links())
        .extracting(CommunicationLink::targetId)
        .containsExactlyElementsOf(m.links().stream().map(CommunicationLink::targetId).toList());
    assertThat(back.dataAssets())
        .extracting(DataAsset::confidentiality)
        .containsExactlyElementsOf(
            m.dataAssets().stream().map(DataAsset::confidentiality).toList());
    assertThat(back.trustBoundaries())
        .extracting(TrustBoundary::id)
        .containsExactlyElementsOf(m.trustBoundaries().stream().map(TrustBoundary::id).toList());
  }

  /** Threagile's own parse of its split test model, compared field by field. */
  @Test
  void threagileSplitModel_equalsParsedModelGolden() throws Exception {
    Path dir = data().resolve("threagile/test");
    ThreatModel m = Models.read(dir.resolve("main.yaml"));
    JsonNode golden = new ObjectMapper().readTree(dir.resolve("parsed-model.json").toFile());
    List<String> diffs = new ArrayList<>();
    assertThat(m.title()).isEqualTo(golden.get("title").asText());
    JsonNode gd = golden.get("data_assets");
    assertThat(m.dataAssets()).hasSize(gd.size());
    for (DataAsset d : m.dataAssets()) {
      JsonNode g = gd.get(d.id());
      check(diffs, d.id(), "title", d.title(), text(g, "title", ""));
      check(diffs, d.id(), "usage", d.usage(), text(g, "usage", "business"));
      check(
          diffs,
          d.id(),
          "confidentiality",
          d.confidentiality().label(),
          text(g, "confidentiality", "public"));
      check(diffs, d.id(), "integrity", d.integrity().label(), text(g, "integrity", "archive"));
      check(
          diffs,
          d.id(),
          "availability",
          d.availability().label(),
          text(g, "availability", "archive"));
      check(diffs, d.id(), "tags", d.tags(), list(g, "tags"));
      check(diffs, d.id(), "owner", d.owner(), text(g, "owner", ""));
    }
    JsonNode gt = golden.get("technical_assets");
    assertThat(m.technicalAssets()).hasSize(gt.size());
    int links = 0;
    for (TechnicalAsset a : m.technicalAssets()) {
      JsonNode g = gt.get(a.id());
      check(diffs, a.id(), "title", a.title(), text(g, "title", ""));
      check(diffs, a.id(), "type", a.type(), text(g, "type", "external-entity"));
      check(diffs, a.id(), "size", a.size(), text(g, "size", "system"));
      check(diffs, a.id(), "machine", a.machine(), text(g, "machine", "physical"));
      check(diffs, a.id(), "encryption", a.encryption(), text(g, "encryption", "none"));
      check(diffs, a.id(), "internet", a.internet(), g.path("internet").asBoolean(false));
      check(diffs, a.id(), "out_of_scope", a.outOfScope(), g.path("out_of_scope").asBoolean(false));
      check(
          diffs,
          a.id(),
          "custom_developed_parts",
          a.customDevelopedParts(),
          g.path("custom_developed_parts").asBoolean(false));
      check(diffs, a.id(), "redundant", a.redundant(), g.path("redundant").asBoolean(false));
      check(
          diffs, a.id(), "multi_tenant", a.multiTenant(), g.path("multi_tenant").asBoolean(false));
      check(
          diffs,
          a.id(),
          "used_as_client_by_human",
          a.usedAsClientByHuman(),
          g.path("used_as_client_by_human").asBoolean(false));
      // Threagile's parsed model holds derived values: an asset processes the data on its links,
      // and its ratings are raised to the highest of the data it processes or stores
      java.util.Set<String> processed = new java.util.TreeSet<>(a.dataProcessed());
      processed.addAll(a.dataStored());
      for (CommunicationLink l : m.links()) {
        if (l.sourceId().equals(a.id()) || l.targetId().equals(a.id())) {
          processed.addAll(l.dataSent());
          processed.addAll(l.dataReceived());
        }
      }
      check(
          diffs,
          a.id(),
          "data_assets_processed",
          processed,
          new java.util.TreeSet<>(list(g, "data_assets_processed")));
      java.util.Set<String> held = new java.util.TreeSet<>(processed);
      held.addAll(a.dataStored());
      var c = a.confidentiality();
      var in = a.integrity();
      var av = a.availability();
      for (String id : held) {
        DataAsset d = m.dataAsset(id).orElseThrow();
        c = d.confidentiality().compareTo(c) > 0 ? d.confidentiality() : c;
        in = d.integrity().compareTo(in) > 0 ? d.integrity() : in;
        av = d.availability().compareTo(av) > 0 ? d.availability() : av;
      }
      check(diffs, a.id(), "confidentiality", c.label(), text(g, "confidentiality", "public"));
      check(diffs, a.id(), "integrity", in.label(), text(g, "integrity", "archive"));
      check(diffs, a.id(), "availability", av.label(), text(g, "availability", "archive"));
      check(diffs, a.id(), "tags", sorted(a.tags()), sorted(list(g, "tags")));
      check(
          diffs,
          a.id(),
          "data_assets_stored",
          sorted(a.dataStored()),
          sorted(list(g, "data_assets_stored")));
      check(
          diffs,
          a.id(),
          "data_formats_accepted",
          sorted(a.dataFormatsAccepted()),
          sorted(list(g, "data_formats_accepted")));
      List<String> tech = new ArrayList<>();
      g.path("technologies").forEach(t -> tech.add(t.get("Name").asText()));
      check(diffs, a.id(), "technologies", a.technologies(), tech);
      JsonNode gl = g.path("communication_links");
      check(diffs, a.id(), "links", a.links().size(), gl.size());
      java.util.Map<String, JsonNode> byId = new java.util.HashMap<>();
      gl.forEach(x -> byId.put(x.get("id").asText(), x));
      for (CommunicationLink l : a.links()) {
        JsonNode x = byId.get(l.id());
        if (x == null) {
          diffs.add(l.id() + ": not in Threagile's parse");
          continue;
        }
        links++;
        check(diffs, l.id(), "title", l.title(), text(x, "title", ""));
        check(diffs, l.id(), "target", l.targetId(), text(x, "target_id", ""));
        check(diffs, l.id(), "protocol", l.protocol(), text(x, "protocol", "unknown-protocol"));
        check(
            diffs, l.id(), "authentication", l.authentication(), text(x, "authentication", "none"));
        check(diffs, l.id(), "authorization", l.authorization(), text(x, "authorization", "none"));
        check(diffs, l.id(), "vpn", l.vpn(), x.path("vpn").asBoolean(false));
        check(diffs, l.id(), "ip_filtered", l.ipFiltered(), x.path("ip_filtered").asBoolean(false));
        check(diffs, l.id(), "readonly", l.readonly(), x.path("readonly").asBoolean(false));
        check(diffs, l.id(), "usage", l.usage(), text(x, "usage", "business"));
        check(
            diffs,
            l.id(),
            "data_assets_sent",
            sorted(l.dataSent()),
            sorted(list(x, "data_assets_sent")));
        check(
            diffs,
            l.id(),
            "data_assets_received",
            sorted(l.dataReceived()),
            sorted(list(x, "data_assets_received")));
      }
    }
    JsonNode gb = golden.get("trust_boundaries");
    assertThat(m.trustBoundaries()).hasSize(gb.size());
    for (TrustBoundary b : m.trustBoundaries()) {
      JsonNode g = gb.get(b.id());
      check(diffs, b.id(), "type", b.type(), text(g, "type", "network-on-prem"));
      check(
          diffs,
          b.id(),
          "inside",
          sorted(b.assetsInside()),
          sorted(list(g, "technical_assets_inside")));
      check(
          diffs,
          b.id(),
          "nested",
          sorted(b.boundariesNested()),
          sorted(list(g, "trust_boundaries_nested")));
    }
    JsonNode gs = golden.get("shared_runtimes");
    assertThat(m.sharedRuntimes()).hasSize(gs.size());
    m.sharedRuntimes()
        .forEach(r ->
            check(
                diffs,
                r.id(),
                "running",
                r.assetsRunning(),
                list(gs.get(r.id()), "technical_assets_running")));
    JsonNode gr = golden.get("risk_tracking");
    assertThat(m.riskTracking()).hasSize(gr.size());
    m.riskTracking()
        .forEach(t ->
            check(
                diffs,
                t.riskId(),
                "status",
                t.status().label(),
                text(gr.get(t.riskId()), "status", "")));
    assertThat(links).isEqualTo(golden.get("communication_links").size());
    assertThat(diffs).isEmpty();
  }

  private static String text(JsonNode n, String key, String fallback) {
    JsonNode v = n.get(key);
    return v == null || v.isNull() ? fallback : v.asText();
  }

  private static List<String> sorted(List<String> l) {
    return l.stream().sorted().toList();
  }

  private static List<String> list(JsonNode n, String key) {
    List<String> out = new ArrayList<>();
    n.path(key).forEach(x -> out.add(x.asText()));
    return out;
  }

  private static void check(
      List<String> diffs, String id, String field, Object ours, Object theirs) {
    if (!ours.equals(theirs)) {
      diffs.add(id + "." + field + ": ours " + ours + ", Threagile's " + theirs);
    }
  }

  @Test
  void badModel_errorNamesFileLineAndPath(@TempDir Path tmp) throws Exception {
    Path f = tmp.resolve("bad.yaml");
    Files.writeString(
        f,
        """
        title: broken
        data_assets:
          Secret:
            id: secret
            confidentiality: top-secret
        technical_assets: {}
        """);
    assertThatThrownBy(() -> Models.read(f))
        .isInstanceOf(ModelException.class)
        .hasMessageContaining(
            "bad.yaml:5: data_assets/Secret/confidentiality: unknown confidentiality 'top-secret'");
  }

  @Test
  void danglingReference_isAnError(@TempDir Path tmp) throws Exception {
    Path f = tmp.resolve("dangling.yaml");
    Files.writeString(
        f,
        """
        technical_assets:
          App:
            id: app
            communication_links:
              Call:
                target: nowhere
        """);
    assertThatThrownBy(() -> Models.read(f))
        .isInstanceOf(ModelException.class)
        .hasMessageContaining("dangling.yaml:1")
        .hasMessageContaining("link app>call targets unknown 'nowhere'");
  }

  @Test
  void includeCycle_isAnError(@TempDir Path tmp) throws Exception {
    Files.writeString(tmp.resolve("a.yaml"), "includes: [b.yaml]\n");
    Files.writeString(tmp.resolve("b.yaml"), "includes: [a.yaml]\n");
    assertThatThrownBy(() -> Models.read(tmp.resolve("a.yaml")))
        .isInstanceOf(ModelException.class)
        .hasMessageContaining("includes itself");
  }
}
