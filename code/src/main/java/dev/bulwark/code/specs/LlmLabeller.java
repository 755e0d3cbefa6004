package dev.bulwark.code.specs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.ai.llm.LlmClient;
import dev.bulwark.ai.llm.LlmException;
import dev.bulwark.ai.llm.Prompt;
import dev.bulwark.ai.llm.StructuredOutput;
import dev.bulwark.code.rules.Category;
import dev.bulwark.code.rules.JavaRule;
import dev.bulwark.code.rules.RulePacks;
import dev.bulwark.core.errors.Diagnostic;
import dev.bulwark.core.errors.DiagnosticSink;
import dev.bulwark.core.errors.InputException;
import dev.bulwark.core.model.Confidence;
import dev.bulwark.core.verify.ProposalLog;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Labels candidates with a language model, as IRIS does: the method's signature, documentation and
 * body go in, a label (source, sink, sanitizer, propagator or none) with its CWE and parameter
 * comes out as JSON checked against a schema. A label is only a proposal: {@link SpecInference}
 * puts it through the same checks as the heuristics' proposals.
 */
public final class LlmLabeller implements SpecInference.Labeller {
  private static final String SCHEMA =
      """
      {"type":"object","required":["label"],"additionalProperties":false,
       "properties":{
         "label":{"enum":["source","sink","sanitizer","propagator","none"]},
         "cwe":{"type":"integer","minimum":0},
         "parameter":{"type":"integer","minimum":0},
         "reason":{"type":"string"}}}
      """;

  private final LlmClient client;
  private final Prompt prompt;
  private final StructuredOutput structured;
  private final RulePacks.Loaded rules;
  private final ProposalLog log;
  private final DiagnosticSink diagnostics;

  public LlmLabeller(
      LlmClient client, RulePacks.Loaded rules, ProposalLog log, DiagnosticSink diagnostics)
      throws InputException {
    this.client = client;
    this.prompt = Prompt.load("java-specs");
    this.rules = rules;
    this.log = log;
    this.diagnostics = diagnostics;
    JsonNode schema;
    try {
      schema = new ObjectMapper().readTree(SCHEMA);
    } catch (IOException e) {
      throw new IllegalStateException("the label schema is broken", e);
    }
    this.structured = new StructuredOutput(client, schema, 2);
  }

  @Override
  public String describe() {
    return "llm:" + client.describe() + "; prompt " + prompt.version();
  }

  @Override
  public List<Spec> label(Candidate c) throws InterruptedException {
    StructuredOutput.Result r;
    try {
      r =
          structured.request(
              prompt.render(
                  Map.of(
                      "owner", c.owner(),
                      "origin", c.origin(),
                      "signature", c.signature(),
                      "doc", c.doc().isBlank() ? "(none)" : c.doc(),
                      "body", c.body())),
              "java-spec",
              c.owner() + "#" + c.name() + "/" + c.arity(),
              List.of(),
              log);
    } catch (LlmException e) {
      diagnostics.report(
          Diagnostic.warning("code", c.origin(), "the model gave no label: " + e.getMessage()));
      return List.of();
    }
    if (!r.accepted()) {
      return List.of();
    }
    JsonNode v = r.value();
    String label = v.path("label").asText();
    int cwe = v.path("cwe").asInt(0);
    List<Integer> args =
        v.hasNonNull("parameter") && v.get("parameter").asInt() < c.arity()
            ? List.of(v.get("parameter").asInt())
            : List.of();
    JavaRule rule = ruleFor(cwe);
    String by = describe();
    Spec.Kind kind =
        switch (label) {
          case "source" -> Spec.Kind.SOURCE;
          case "sink" -> Spec.Kind.SINK;
          case "sanitizer" -> Spec.Kind.SANITIZER;
          case "propagator" -> Spec.Kind.PROPAGATOR;
          default -> null;
        };
    if (kind == null) {
      return List.of();
    }
    Set<Category> cats =
        kind == Spec.Kind.SANITIZER && rule != null ? Set.of(rule.category()) : Set.of();
    return List.of(
        new Spec(
            kind,
            c.owner(),
            c.name(),
            c.arity(),
            kind == Spec.Kind.SOURCE
                ? List.of()
                : args.isEmpty() && kind == Spec.Kind.SANITIZER ? List.of(0) : args,
            kind == Spec.Kind.SINK && rule != null ? rule.id() : null,
            rule == null ? cwe : rule.cwe(),
            cats,
            c.origin(),
            Spec.Verdict.UNVERIFIED,
            Confidence.LOW,
            "model: " + v.path("reason").asText(""),
            by));
  }

  /** The taint rule for a CWE the model named (children map to their parent's rule). */
  private JavaRule ruleFor(int cwe) {
    int c =
        switch (cwe) {
          case 23, 36 -> 22;
          case 95 -> 94;
          case 77 -> 78;
          default -> cwe;
        };
    for (JavaRule r : rules.rules()) {
      if (r.kind() == JavaRule.Kind.TAINT && r.cwe() == c) {
        return r;
      }
    }
    return null;
  }
}
