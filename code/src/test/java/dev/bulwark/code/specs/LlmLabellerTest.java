package dev.bulwark.code.specs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.ai.llm.LlmSettings;
import dev.bulwark.code.rules.RulePacks;
import dev.bulwark.core.maven.LocalRepository;
import dev.bulwark.core.model.Confidence;
import dev.bulwark.core.testing.FakeChatServer;
import dev.bulwark.core.verify.ProposalLog;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Model labels, from a fake OpenAI-compatible server on 127.0.0.1 that answers as a model might —
 * right about some methods, wrong about others — and each label through the same checks as the
 * heuristics' proposals.
 */
class LlmLabellerTest {
  @TempDir Path dir;
  private FakeChatServer server;

  /** The model's answer for a prompt about this method (by name), else "none". */
  private static final Map<String, String> ANSWERS =
      Map.of(
          "Scripts#runScript",
          "{\"label\":\"sink\",\"cwe\":94,\"parameter\":0,\"reason\":\"evaluates s as a script\"}",
          "FileStore#size",
          "{\"label\":\"sink\",\"cwe\":22,\"parameter\":0,\"reason\":\"takes a file name\"}",
          "Names#cleanTitle",
          "{\"label\":\"sanitizer\",\"cwe\":79,\"parameter\":0,\"reason\":\"cleans the title\"}",
          "Mailer#sendTemplate",
          "```json\n{\"label\":\"sink\",\"cwe\":94,\"parameter\":0}\n```");

  @BeforeEach
  void start() throws Exception {
    server =
        FakeChatServer.start(
            "fake-labeller",
            900,
            40,
            request -> {
              String prompt = request.path("messages").toString();
              String answer = "{\"label\":\"none\"}";
              for (var e : ANSWERS.entrySet()) {
                String[] parts = e.getKey().split("#");
                if (prompt.contains("docs." + parts[0] + " (")
                    && prompt.contains(" " + parts[1] + "(")) {
                  answer = e.getValue();
                }
              }
              return FakeChatServer.text(answer);
            });
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static Spec find(List<Spec> specs, Spec.Kind kind, String method, String by) {
    return specs.stream()
        .filter(s -> s.kind() == kind && s.method().equals(method) && s.labelledBy().startsWith(by))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " " + method + " in " + specs));
  }

  @Test
  void everyLabel_goesThroughTheSameChecks() throws Exception {
    LlmSettings settings =
        LlmSettings.resolve(
                new ObjectMapper().createObjectNode(),
                Map.of(
                    "BULWARK_LLM_ENDPOINT",
                    server.endpoint(),
                    "BULWARK_LLM_MODEL",
                    "fake-labeller"),
                dir)
            .orElseThrow();
    ProposalLog log = ProposalLog.memory();
    LlmLabeller labeller = new LlmLabeller(settings.client(), RulePacks.builtIn(), log, d -> {});
    Path project = SpecFixtures.project(dir);
    SpecInference.Result r =
        SpecFixtures.infer(
            project, new LocalRepository(dir.resolve("empty-m2")), Optional.of(labeller));

    assertThat(r.labelled()).isGreaterThanOrEqualTo(7);
    assertThat(server.requests()).hasSizeGreaterThanOrEqualTo(r.labelled());

    // right, and the body shows it: the model's label is as verified as the heuristics'
    List<Spec> scripts =
        r.specs().stream()
            .filter(s -> s.method().equals("com.example.docs.Scripts#runScript/1"))
            .toList();
    assertThat(scripts).hasSize(1);
    assertThat(scripts.get(0).verdict()).isEqualTo(Spec.Verdict.VERIFIED);

    // wrong: the body only measures the name; the label is kept, unverified, at low confidence
    Spec size = find(r.specs(), Spec.Kind.SINK, "com.example.docs.FileStore#size/1", "llm:");
    assertThat(size.verdict()).isEqualTo(Spec.Verdict.UNVERIFIED);
    assertThat(size.confidence()).isEqualTo(Confidence.LOW);
    assertThat(size.rule()).isEqualTo("java-path-traversal");
    assertThat(size.evidence()).contains("takes no parameter to a known sink");
    assertThat(size.labelledBy()).contains("llm:openai:fake-labeller").contains("java-specs-1");

    // a sanitizer the body does not support
    Spec title = find(r.specs(), Spec.Kind.SANITIZER, "com.example.docs.Names#cleanTitle/1", "");
    assertThat(title.verdict()).isEqualTo(Spec.Verdict.UNVERIFIED);

    // a fenced answer is still read; no body to check, so unverified
    Spec mail = find(r.specs(), Spec.Kind.SINK, "com.example.docs.Mailer#sendTemplate/2", "");
    assertThat(mail.verdict()).isEqualTo(Spec.Verdict.UNVERIFIED);

    assertThat(log.decisions()).isNotEmpty().allMatch(d -> d.source().startsWith("openai:"));
  }
}
