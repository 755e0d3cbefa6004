package dev.bulwark.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.ai.llm.LlmSettings;
import dev.bulwark.ai.llm.ToolChat;
import dev.bulwark.core.config.BulwarkConfig;
import dev.bulwark.core.errors.InputException;
import dev.bulwark.core.terminal.TerminalWriter;
import dev.bulwark.core.verify.Citations;
import dev.bulwark.core.verify.Decision;
import dev.bulwark.core.verify.Proposal;
import dev.bulwark.core.verify.ProposalLog;
import dev.bulwark.core.verify.Verifier;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code bulwark ask}: an investigation by the configured LLM with Bulwark's tools, within a step
 * and token budget, every step written to a transcript. The model only proposes; the tools'
 * findings are what the answer can rest on.
 */
@Command(
    name = "ask",
    mixinStandardHelpOptions = true,
    description = {
      "Ask the configured LLM to investigate with Bulwark's tools.",
      "The model comes from bulwark.yaml (llm:) or BULWARK_LLM_*; the tools are scan,",
      "get_finding, hunt_logs and label_finding."
    })
final class AskCommand implements Callable<Integer> {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  static final String SYSTEM =
      "You are a defensive security analyst working with Bulwark's tools. Investigate only what the "
          + "user asks, call tools to gather evidence, and say plainly when the evidence is not "
          + "enough. Cite the evidence an answer rests on as [finding:FINGERPRINT], [incident:ID] or "
          + "[event:RECORD-ID], using only ids the tools returned: an answer citing anything else is "
          + "rejected. "
          + BulwarkTools.UNTRUSTED_NOTE;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** How often a rejected answer goes back to the model with the reason. */
  static final int MAX_CORRECTIONS = 2;

  @Parameters(index = "0", paramLabel = "QUESTION")
  String question;

  @Option(
      names = "--root",
      paramLabel = "DIR",
      description = "Directories the tools may read (repeatable).")
  List<Path> roots = new ArrayList<>();

  @Option(
      names = "--max-steps",
      paramLabel = "N",
      description = "Model turns at most (default ${DEFAULT-VALUE}).")
  int maxSteps = 8;

  @Option(
      names = "--max-tokens",
      paramLabel = "N",
      description = "Tokens at most, all turns (default ${DEFAULT-VALUE}).")
  int maxTokens = 50_000;

  @Option(
      names = "--transcript",
      paramLabel = "FILE",
      description = "Write every step as JSON lines.")
  Path transcript;

  @picocli.CommandLine.Mixin CommonOptions.Config config;

  @picocli.CommandLine.Mixin CommonOptions.DataDirectory dataDir;

  @Option(
      names = "--endpoint",
      paramLabel = "URL",
      description = "OpenAI-compatible base URL (overrides the configuration).")
  String endpoint;

  @Option(
      names = "--model",
      paramLabel = "NAME",
      description = "The model (overrides the configuration).")
  String model;

  @picocli.CommandLine.Mixin OutputPolicy outputPolicy;

  @Override
  public Integer call() throws Exception {
    dev.bulwark.core.files.OutputFile transcriptOut = outputPolicy.check(transcript, roots);
    BulwarkTools tools =
        new BulwarkTools(BulwarkTools.roots(roots), dataDir.given(), "bulwark-ask")
            .logTo(spec.commandLine().getErr());
    BulwarkConfig cfg = config.load(tools.roots().get(0));
    Configs.LlmSection llmConfig =
        Configs.llmSection(
            config.file(),
            cfg,
            env(),
            w -> spec.commandLine().getErr().println("bulwark: warning: " + w));
    LlmSettings settings =
        LlmSettings.resolve(llmConfig.section(), env(), llmConfig.baseDir())
            .orElseThrow(() ->
                new InputException(
                    "no LLM configured (llm: in ~/.config/bulwark/config.yaml or a file given with --config, or BULWARK_LLM_ENDPOINT and BULWARK_LLM_MODEL)"));
    ToolChat chat = new ToolChat(settings);
    ArrayNode defs = JSON.createArrayNode();
    for (BulwarkTools.Tool t : tools.all()) {
      ObjectNode fn = defs.addObject().put("type", "function").putObject("function");
      fn.put("name", t.name()).put("description", t.description());
      fn.set("parameters", JSON.readTree(t.inputSchema()));
    }
    ArrayNode messages = JSON.createArrayNode();
    messages.addObject().put("role", "system").put("content", SYSTEM);
    messages.addObject().put("role", "user").put("content", question);
    int tokens = 0;
    int promptTokens = 0;
    int corrections = 0;
    ProposalLog proposals = ProposalLog.in(dataDir.dir());
    try (Writer log =
        transcript == null
            ? Writer.nullWriter()
            // written step by step as the conversation goes, to the path checked above
            : Files.newBufferedWriter(transcriptOut.target(), StandardCharsets.UTF_8)) {
      record("user", question, null, 0, log);
      for (int step = 1; step <= maxSteps; step++) {
        ToolChat.Turn turn = chat.send(messages, defs);
        tokens += turn.promptTokens() + turn.completionTokens();
        promptTokens += turn.promptTokens();
        messages.add(turn.message());
        record(
            "assistant",
            turn.content(),
            turn.message().get("tool_calls"),
            turn.promptTokens() + turn.completionTokens(),
            log);
        if (turn.toolCalls().isEmpty()) {
          Map<String, Set<String>> evidence = tools.citable();
          boolean any = evidence.values().stream().anyMatch(v -> !v.isEmpty());
          Decision d =
              Verifier.verify(
                  new Proposal("answer", question, chat.describe(), turn.content()),
                  List.of(new Citations(evidence, any)),
                  proposals);
          if (!d.accepted()) {
            record("verifier", "rejected: " + d.reason(), null, 0, log);
            if (corrections++ < MAX_CORRECTIONS && step < maxSteps) {
              messages
                  .addObject()
                  .put("role", "user")
                  .put(
                      "content",
                      "Your answer was rejected: it "
                          + d.reason()
                          + ". Answer again, citing only ids the tools returned.");
              continue;
            }
            new TerminalWriter(spec.commandLine().getOut())
                .println("No verified answer: the model's answer " + d.reason() + ".");
            spec.commandLine()
                .getErr()
                .println("bulwark ask: rejected answer kept in " + proposalsFile());
            return ExitCodes.FINDINGS;
          }
          new TerminalWriter(spec.commandLine().getOut()).println(turn.content());
          String cost =
              settings.prices().known()
                  ? String.format(
                      java.util.Locale.ROOT,
                      " (cost %.6f)",
                      settings.prices().cost(promptTokens, tokens - promptTokens))
                  : "";
          spec.commandLine()
              .getErr()
              .printf(
                  "bulwark ask: %d steps, %d tokens%s, %s%n", step, tokens, cost, chat.describe());
          return ExitCodes.OK;
        }
        for (ToolChat.ToolCall c : turn.toolCalls()) {
          BulwarkTools.Result r = tools.call(c.name(), c.arguments());
          messages
              .addObject()
              .put("role", "tool")
              .put("tool_call_id", c.id())
              .put("content", r.text());
          record("tool:" + c.name(), r.text(), null, 0, log);
        }
        if (tokens > maxTokens) {
          new TerminalWriter(spec.commandLine().getOut())
              .println(
                  "Stopped: the token budget ("
                      + maxTokens
                      + ") is spent after "
                      + step
                      + " steps.");
          return ExitCodes.FINDINGS;
        }
      }
    }
    new TerminalWriter(spec.commandLine().getOut())
        .println("Stopped: no answer within " + maxSteps + " steps.");
    return ExitCodes.FINDINGS;
  }

  private Path proposalsFile() {
    return dataDir.dir().resolve(ProposalLog.FILE);
  }

  private java.util.Map<String, String> env() {
    java.util.Map<String, String> env = new java.util.HashMap<>(System.getenv());
    if (endpoint != null) {
      env.put("BULWARK_LLM_ENDPOINT", endpoint);
    }
    if (model != null) {
      env.put("BULWARK_LLM_MODEL", model);
    }
    return env;
  }

  private static void record(
      String role,
      String content,
      com.fasterxml.jackson.databind.JsonNode calls,
      int tokens,
      Writer log)
      throws IOException {
    ObjectNode n = JSON.createObjectNode().put("role", role).put("content", content);
    if (calls != null) {
      n.set("tool_calls", calls);
    }
    if (tokens > 0) {
      n.put("tokens", tokens);
    }
    log.write(n.toString());
    log.write('\n');
  }
}
