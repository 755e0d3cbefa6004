package dev.bulwark.intel.summary;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.ai.llm.LlmClient;
import dev.bulwark.ai.llm.LlmException;
import dev.bulwark.ai.llm.Prompt;
import dev.bulwark.ai.llm.StructuredOutput;
import dev.bulwark.core.errors.InputException;
import dev.bulwark.core.verify.Decision;
import dev.bulwark.core.verify.ProposalLog;
import dev.bulwark.intel.analysis.IntelReport;
import dev.bulwark.intel.stix.StixBundleReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An executive summary proposed by a model and kept only where it is checked: the model sees the
 * report's numbered facts ({@link Facts}) and answers with sentences citing them; each sentence is
 * judged by {@link SummaryCheck} and dropped, with its reason, when it states anything its cited
 * facts do not. Every sentence is recorded in the proposal log as accepted or rejected.
 */
public final class SummaryWriter {
  /** The answer's shape: sentences, each with the ids of the facts it rests on. */
  private static final String SCHEMA =
      """
      {"type": "object", "required": ["sentences"], "additionalProperties": false,
       "properties": {"sentences": {"type": "array", "minItems": 1, "maxItems": 12,
         "items": {"type": "object", "required": ["text", "facts"], "additionalProperties": false,
           "properties": {"text": {"type": "string", "minLength": 1, "maxLength": 600},
                          "facts": {"type": "array", "maxItems": 20,
                                    "items": {"type": "string", "maxLength": 8}}}}}}}
      """;

  /** Answers that fail the schema are sent back this many times in all. */
  static final int ATTEMPTS = 2;

  private final LlmClient client;
  private final ProposalLog log;

  public SummaryWriter(LlmClient client, ProposalLog log) {
    this.client = client;
    this.log = log;
  }

  /** The checked summary of {@code r}. */
  public IntelReport.Summary write(IntelReport r) throws InputException, InterruptedException {
    Map<String, String> facts = Facts.of(r);
    Prompt prompt = Prompt.load("intel-summary");
    StringBuilder listed = new StringBuilder();
    facts.forEach((id, f) -> listed.append(id).append(": ").append(f).append('\n'));
    StructuredOutput.Result answer;
    try {
      answer =
          new StructuredOutput(client, schema(), ATTEMPTS)
              .request(
                  prompt.render(
                      Map.of("organisation", r.organisation(), "facts", listed.toString())),
                  "intel-summary",
                  r.organisation(),
                  List.of(),
                  log);
    } catch (LlmException e) {
      return new IntelReport.Summary(
          client.describe(),
          prompt.version(),
          List.of(),
          List.of(
              new IntelReport.DroppedSentence("", "the model did not answer: " + e.getMessage())));
    }
    if (!answer.accepted()) {
      return new IntelReport.Summary(
          client.describe(),
          prompt.version(),
          List.of(),
          List.of(
              new IntelReport.DroppedSentence(
                  "", "no answer in the expected shape: " + String.join("; ", answer.rejected()))));
    }
    SummaryCheck check = new SummaryCheck(facts, names(r));
    List<IntelReport.SummarySentence> kept = new ArrayList<>();
    List<IntelReport.DroppedSentence> dropped = new ArrayList<>();
    for (JsonNode s : answer.value().path("sentences")) {
      String text = s.path("text").asText().strip();
      List<String> cited = new ArrayList<>();
      s.path("facts").forEach(f -> cited.add(f.asText().strip()));
      Optional<String> why = check.failure(text, cited);
      String source = client.describe() + " " + prompt.version();
      if (why.isPresent()) {
        dropped.add(new IntelReport.DroppedSentence(text, why.get()));
        log.record(
            new Decision(
                "intel-summary-sentence",
                r.organisation(),
                source,
                false,
                List.of(),
                "states only what its cited facts state",
                why.get(),
                Instant.now(),
                text + " " + cited));
      } else {
        List<String> basis = new ArrayList<>();
        for (String id : cited) {
          basis.add(
              id.toUpperCase(java.util.Locale.ROOT)
                  + ": "
                  + facts.get(id.toUpperCase(java.util.Locale.ROOT)));
        }
        kept.add(new IntelReport.SummarySentence(text, basis));
        log.record(
            new Decision(
                "intel-summary-sentence",
                r.organisation(),
                source,
                true,
                List.of("states only what its cited facts state"),
                null,
                null,
                Instant.now(),
                text + " " + cited));
      }
    }
    return new IntelReport.Summary(client.describe(), prompt.version(), kept, dropped);
  }

  /** Every ranked actor's name and aliases: a sentence names one only as its facts do. */
  static Set<String> names(IntelReport r) {
    Set<String> out = new LinkedHashSet<>();
    for (IntelReport.RankedActor a : r.actors()) {
      out.add(a.name());
      out.addAll(a.aliases());
    }
    return out;
  }

  private static JsonNode schema() {
    try {
      return StixBundleReader.mapper().readTree(SCHEMA);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("the schema is a constant", e);
    }
  }
}
