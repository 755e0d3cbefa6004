package dev.bulwark.intel.summary;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.ai.llm.LlmSettings;
import dev.bulwark.core.testing.FakeChatServer;
import dev.bulwark.core.verify.ProposalLog;
import dev.bulwark.intel.analysis.IntelReport;
import dev.bulwark.intel.render.Html;
import dev.bulwark.intel.render.Markdown;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The executive summary through a local OpenAI-compatible server: sentences whose figures,
 * identifiers and actor names are in their cited facts are kept; every other kind of made-up claim
 * is dropped with its reason.
 */
class SummaryWriterTest {
  @TempDir Path dir;

  private static String id(Map<String, String> facts, String containing) {
    return facts.entrySet().stream()
        .filter(e -> e.getValue().contains(containing))
        .findFirst()
        .orElseThrow()
        .getKey();
  }

  @Test
  void keepsOnlySentencesTheFactsBearOut() throws Exception {
    IntelReport report = dev.bulwark.intel.render.HtmlTestReports.report();
    Map<String, String> facts = Facts.of(report);
    String actor = id(facts, "Rank 1:");
    String coverage = id(facts, "weighted coverage");
    String gap = id(facts, "Gap: T1190");
    String kev = id(facts, "CVE-2021-44228 (");
    String[][] sentences = {
      // kept: every figure, id and name is in the cited facts
      {"APT Example is the likeliest attacker, with a score of 0.88.", actor},
      {"Weighted detection coverage is 40.0 %, with 1 gaps among 2 techniques.", coverage},
      {"T1190 is not detected today and APT Example uses it.", gap},
      {"CVE-2021-44228 is in the stack and its CISA due date 2021-12-24 has passed.", kev},
      // dropped: a figure the facts do not hold
      {"Weighted coverage is 75 %.", coverage},
      // dropped: a spelled-out number the facts do not hold
      {"Three actors threaten the organisation.", actor},
      // dropped: an identifier not in the cited fact
      {"APT Example exploits CVE-2023-4966.", actor},
      // dropped: an actor named without a fact naming it
      {"Quiet Group uses T1190.", gap},
      // dropped: a fact that does not exist
      {"Everything is fine.", "F99"},
      // dropped: no citation
      {"The organisation should buy more tools.", null},
    };
    ArrayNode list = new ObjectMapper().createArrayNode();
    for (String[] s : sentences) {
      ObjectNode o = list.addObject().put("text", s[0]);
      ArrayNode f = o.putArray("facts");
      if (s[1] != null) {
        f.add(s[1]);
      }
    }
    String answer = new ObjectMapper().createObjectNode().set("sentences", list).toString();
    AtomicReference<String> prompt = new AtomicReference<>();
    try (FakeChatServer server =
        FakeChatServer.start(
            "fake-writer",
            500,
            80,
            request -> {
              prompt.set(request.path("messages").toString());
              return FakeChatServer.text(answer);
            })) {
      LlmSettings settings =
          LlmSettings.resolve(
                  new ObjectMapper().createObjectNode(),
                  Map.of(
                      "BULWARK_LLM_ENDPOINT",
                      server.endpoint(),
                      "BULWARK_LLM_MODEL",
                      "fake-writer"),
                  dir)
              .orElseThrow();
      ProposalLog log = ProposalLog.memory();
      IntelReport.Summary s = new SummaryWriter(settings.client(), log).write(report);

      assertThat(prompt.get()).contains(actor + ": Rank 1: APT Example", "Facts:");
      assertThat(s.sentences())
          .extracting(IntelReport.SummarySentence::text)
          .containsExactly(sentences[0][0], sentences[1][0], sentences[2][0], sentences[3][0]);
      assertThat(s.sentences().get(0).facts().get(0)).startsWith(actor + ": Rank 1: APT Example");
      assertThat(s.dropped())
          .extracting(IntelReport.DroppedSentence::reason)
          .containsExactly(
              "states what the cited facts do not: 75",
              "states what the cited facts do not: Three",
              "states what the cited facts do not: CVE-2023-4966",
              "states what the cited facts do not: Quiet Group",
              "cites F99, which is not a fact of the report",
              "cites no fact");
      assertThat(s.prompt()).isEqualTo("intel-summary-1");
      assertThat(log.decisions().stream().filter(d -> d.kind().equals("intel-summary-sentence")))
          .hasSize(10);

      IntelReport withSummary = report.withSummary(s);
      String md = Markdown.render(withSummary);
      assertThat(md)
          .contains("## Executive summary", sentences[0][0] + " [" + actor + "]", "Dropped 6:");
      assertThat(md).doesNotContain("- " + sentences[4][0] + "\n" + "Weighted");
      assertThat(Html.render(withSummary)).contains("Executive summary").doesNotContain("<script");
    }
  }

  @Test
  void anAnswerOutOfShapeKeepsNoSentence() throws Exception {
    IntelReport report = dev.bulwark.intel.render.HtmlTestReports.report();
    try (FakeChatServer server =
        FakeChatServer.start(
            "fake", 10, 10, request -> FakeChatServer.text("Sure! APT Example."))) {
      LlmSettings settings =
          LlmSettings.resolve(
                  new ObjectMapper().createObjectNode(),
                  Map.of("BULWARK_LLM_ENDPOINT", server.endpoint(), "BULWARK_LLM_MODEL", "fake"),
                  dir)
              .orElseThrow();
      IntelReport.Summary s =
          new SummaryWriter(settings.client(), ProposalLog.memory()).write(report);
      assertThat(s.sentences()).isEmpty();
      assertThat(s.dropped().get(0).reason()).startsWith("no answer in the expected shape");
      assertThat(server.requests()).hasSize(SummaryWriter.ATTEMPTS);
    }
  }
}
