package dev.bulwark.threatmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.ai.llm.LlmSettings;
import dev.bulwark.core.testing.FakeChatServer;
import dev.bulwark.threatmodel.draft.Drafter;
import dev.bulwark.threatmodel.draft.LlmDrafter;
import dev.bulwark.threatmodel.draft.ProposalWriter;
import dev.bulwark.threatmodel.format.Models;
import dev.bulwark.threatmodel.model.ThreatModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Verified proposals written into an author's model file: only those, as added lines, with the
 * author's comments, quoting and four-space indentation untouched.
 */
class ProposalWriterTest {
  /** An author's model: comments, four spaces a level, single quotes, a link already there. */
  static final String MODEL =
      """
      # Shop threat model — kept by the platform team
      title: 'Shop'
      date: 2026-12-01
      author:
          name: Platform team

      data_assets:
          Orders:   # what customers buy
              id: orders
              usage: business
              quantity: many
              confidentiality: confidential
              integrity: critical
              availability: important

      technical_assets:
          Shop:
              id: shop   # the Spring Boot app
              type: process
              technology: web-server
              confidentiality: confidential
              integrity: critical
              availability: important
              data_assets_processed:
                  - orders
              communication_links:
                  Orders DB:
                      target: db
                      protocol: jdbc
                      data_assets_sent:
                          - orders
          # the database, managed by the DBA team
          Database:
              id: db
              type: datastore
              technology: database
              confidentiality: confidential
              integrity: critical
              availability: important
              data_assets_stored: [orders]

      # boundaries come last
      trust_boundaries: {}
      """;

  private static final String ANSWER =
      """
      {"proposals":[
       {"kind":"asset","element":"payments-api","claim":"calls an external payment service",
        "file":"src/main/resources/application.properties","line":2,
        "quote":"payments.url = https://pay.example.com"},
       {"kind":"link","element":"shop>payments-api","claim":"sends payments to the provider",
        "file":"src/main/resources/application.properties","line":2,
        "quote":"payments.url"},
       {"kind":"link","element":"db>shop","claim":"notifies the shop",
        "file":"src/main/resources/application.properties","line":1,
        "quote":"spring.datasource.url"},
       {"kind":"link","element":"shop>kafka","claim":"publishes orders",
        "file":"src/main/resources/application.properties","line":1,
        "quote":"spring.datasource.url"},
       {"kind":"threat","element":"shop","claim":"payment callbacks unauthenticated",
        "file":"src/main/resources/application.properties","line":2,"quote":"payments.url"},
       {"kind":"asset","element":"redis","claim":"caches sessions",
        "file":"src/main/resources/application.properties","line":1,"quote":"spring.redis.host"}
      ]}
      """;

  @Test
  void verifiedProposals_areAddedLines_andTheAuthorsTextStays(@TempDir Path tmp) throws Exception {
    Path repo = tmp.resolve("repo");
    Files.createDirectories(repo.resolve("src/main/resources"));
    Files.writeString(
        repo.resolve("src/main/resources/application.properties"),
        "spring.datasource.url=jdbc:postgresql://db:5432/shop\n"
            + "payments.url = https://pay.example.com/v2\n");
    Path model = Files.writeString(repo.resolve("threat-model.yaml"), MODEL);
    ThreatModel before = Models.read(model);

    LlmDrafter.Result proposed;
    try (FakeChatServer server =
        FakeChatServer.start("fake-drafter", 1200, 300, req -> FakeChatServer.text(ANSWER))) {
      LlmSettings settings =
          LlmSettings.resolve(
                  new ObjectMapper().createObjectNode(),
                  Map.of(
                      "BULWARK_LLM_ENDPOINT",
                      server.endpoint(),
                      "BULWARK_LLM_MODEL",
                      "fake-drafter"),
                  tmp)
              .orElseThrow();
      proposed = LlmDrafter.propose(repo, new Drafter.Draft(before, List.of()), settings.client());
    }
    assertThat(proposed.verified()).isEqualTo(5);
    assertThat(proposed.proposals().get(5).verified()).as("redis is not on line 1").isFalse();

    ProposalWriter.Outcome out = ProposalWriter.apply(model, proposed.proposals(), "fake-drafter");
    assertThat(out.written())
        .extracting(ProposalWriter.Written::id)
        .containsExactly(
            "payments-api", "shop>sends-payments-to-the-provider", "db>notifies-the-shop");
    assertThat(out.skipped())
        .extracting(ProposalWriter.Skipped::reason)
        .containsExactly(
            "the model has no asset 'kafka'",
            "threats are listed, not written: a Threagile risk category needs ratings the"
                + " proposal does not give");

    // every line the author wrote is still there, in order; the rest are additions
    List<String> was = MODEL.lines().toList();
    List<String> now = out.text().lines().toList();
    int i = 0;
    for (String line : now) {
      if (i < was.size() && line.equals(was.get(i))) {
        i++;
      }
    }
    assertThat(i).as("the author's lines as a subsequence of the new text").isEqualTo(was.size());
    assertThat(now).hasSizeGreaterThan(was.size());
    List<String> added = now.stream().filter(l -> !was.contains(l)).toList();
    assertThat(added)
        .as("additions use the file's four spaces a level")
        .allMatch(l -> (l.length() - l.stripLeading().length()) % 4 == 0);
    assertThat(out.text())
        .as("the new asset sits at the end of technical_assets, before the comment on the next key")
        .containsSubsequence(
            "        data_assets_stored: [orders]\n        communication_links:\n",
            "\n    \"payments-api\":\n        id: \"payments-api\"\n",
            "        communication_links: {}\n\n# boundaries come last\ntrust_boundaries: {}");
    assertThat(out.text())
        .as("the database gets its first links key")
        .contains("        communication_links:\n            \"notifies the shop\":");
    assertThat(out.text()).doesNotContain("redis", "kafka", "unauthenticated");

    Files.writeString(model, out.text());
    ThreatModel after = Models.read(model);
    assertThat(after.asset("payments-api").orElseThrow().description())
        .isEqualTo(
            "Proposed by fake-drafter, verified against"
                + " src/main/resources/application.properties:2: calls an external payment service");
    assertThat(after.asset("shop").orElseThrow().links())
        .extracting(l -> l.targetId())
        .containsExactly("db", "payments-api");
    assertThat(after.asset("db").orElseThrow().links())
        .singleElement()
        .satisfies(l -> assertThat(l.targetId()).isEqualTo("shop"));
    assertThat(after.dataAssets()).isEqualTo(before.dataAssets());

    // written again, the same proposals add nothing
    ProposalWriter.Outcome again =
        ProposalWriter.apply(model, proposed.proposals(), "fake-drafter");
    assertThat(again.written()).isEmpty();
    assertThat(again.text()).isEqualTo(out.text());
  }

  @Test
  void theThreagileExample_getsALinkOnAnAssetWithLinks_andNothingElseChanges(@TempDir Path tmp)
      throws Exception {
    Path model = tmp.resolve("example.yaml");
    Files.copy(ModelFormatsTest.data().resolve("threagile/example-threagile.yaml"), model);
    ThreatModel before = Models.read(model);
    String first =
        before.technicalAssets().stream()
            .filter(a -> !a.links().isEmpty())
            .findFirst()
            .orElseThrow()
            .id();
    String target = before.technicalAssets().get(before.technicalAssets().size() - 1).id();
    LlmDrafter.Proposal link =
        new LlmDrafter.Proposal(
            "link", first + ">" + target, "audit feed", "example.yaml", 1, "x", true, "");
    ProposalWriter.Outcome out = ProposalWriter.apply(model, List.of(link), "m");
    assertThat(out.written()).hasSize(1);
    String original = Files.readString(model);
    List<String> was = original.lines().toList();
    assertThat(out.text().lines().filter(l -> !was.contains(l)).count())
        .as("only the link's lines are new")
        .isBetween(10L, 16L);
    Files.writeString(model, out.text());
    assertThat(Models.read(model).asset(first).orElseThrow().links())
        .hasSize(before.asset(first).orElseThrow().links().size() + 1);
  }

  @Test
  void aFlowStyleAssetMap_isRefused_andNothingIsWritten(@TempDir Path tmp) throws Exception {
    Path model =
        Files.writeString(
            tmp.resolve("m.yaml"), "title: t\ntechnical_assets: {App: {id: app, type: process}}\n");
    LlmDrafter.Proposal asset =
        new LlmDrafter.Proposal("asset", "cache", "caches", "m.yaml", 1, "x", true, "");
    String before = Files.readString(model);
    assertThatThrownBy(() -> ProposalWriter.apply(model, List.of(asset), "m"))
        .hasMessageContaining("technical_assets is not a block mapping");
    assertThat(Files.readString(model)).isEqualTo(before);

    Path json = Files.writeString(tmp.resolve("m.json"), "{}");
    assertThatThrownBy(() -> ProposalWriter.apply(json, List.of(asset), "m"))
        .hasMessageContaining("only a Threagile YAML model can take proposals");
    assertThat(Files.readString(json)).isEqualTo("{}");
  }
}
