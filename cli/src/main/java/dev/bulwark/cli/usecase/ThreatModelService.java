package dev.bulwark.cli.usecase;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.ai.llm.LlmClient;
import dev.bulwark.ai.llm.LlmException;
import dev.bulwark.core.errors.InputException;
import dev.bulwark.core.model.Finding;
import dev.bulwark.core.report.FindingJson;
import dev.bulwark.core.report.ScanReport;
import dev.bulwark.threatmodel.diagram.Diagrams;
import dev.bulwark.threatmodel.draft.Drafter;
import dev.bulwark.threatmodel.draft.LlmDrafter;
import dev.bulwark.threatmodel.draft.ProposalWriter;
import dev.bulwark.threatmodel.evidence.AssetMarks;
import dev.bulwark.threatmodel.evidence.EvidenceLinker;
import dev.bulwark.threatmodel.format.Models;
import dev.bulwark.threatmodel.model.ThreatModel;
import dev.bulwark.threatmodel.report.RiskFindings;
import dev.bulwark.threatmodel.rules.Risk;
import dev.bulwark.threatmodel.rules.Rule;
import dev.bulwark.threatmodel.rules.RuleEngine;
import dev.bulwark.threatmodel.rules.RuleLoader;
import dev.bulwark.threatmodel.tree.ModelException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Threat models as code: check a model against the risk rules (with evidence from a scan report),
 * draft a model from a repository, and draw its data-flow diagram.
 */
public final class ThreatModelService {
  private static final long MAX_REPORT_BYTES = 256L * 1024 * 1024;

  /** The outcome of a check: the risks, and the report their findings make. */
  public record Checked(ThreatModel model, List<Risk> risks, ScanReport report, int scanFindings) {}

  public ThreatModel load(Path model) throws InputException {
    try {
      return Models.read(model);
    } catch (ModelException e) {
      throw new InputException(e.getMessage());
    }
  }

  public List<Rule> rules(Path extraRules) throws InputException {
    List<Rule> rules = new ArrayList<>(RuleLoader.builtIn());
    if (extraRules != null) {
      try {
        rules.addAll(RuleLoader.fromFolder(extraRules));
      } catch (ModelException e) {
        throw new InputException(e.getMessage());
      }
    }
    return rules;
  }

  public Checked check(Path modelFile, Path scanReport, Path extraRules) throws InputException {
    return check(modelFile, scanReport, extraRules, AssetMarks.none(), note -> {});
  }

  /**
   * The check, with asset marks from {@code bulwark.yaml} applied to assets the model leaves
   * unmarked ({@code notes} hears of those whose own marks were kept).
   */
  public Checked check(
      Path modelFile,
      Path scanReport,
      Path extraRules,
      AssetMarks marks,
      java.util.function.Consumer<String> notes)
      throws InputException {
    Instant started = Instant.now();
    ThreatModel model = marks.apply(load(modelFile), notes);
    List<Rule> rules = rules(extraRules);
    List<Risk> risks;
    try {
      risks = RuleEngine.builtIn().assess(model, rules);
    } catch (ModelException e) {
      throw new InputException(e.getMessage());
    }
    List<Finding> scan = scanReport == null ? List.of() : findings(scanReport);
    EvidenceLinker.Coverage coverage =
        scanReport == null ? EvidenceLinker.Coverage.none() : coverage(scanReport);
    risks = EvidenceLinker.link(model, risks, scan, coverage);
    List<Finding> findings = RiskFindings.of(model, modelFile.toString(), risks);
    long bytes;
    try {
      bytes = Files.size(modelFile);
    } catch (IOException e) {
      bytes = 0;
    }
    ScanReport report =
        ScanReport.ofSingleRun(
            modelFile.toAbsolutePath().getParent().toString(),
            List.of(modelFile.toString()),
            started,
            1,
            bytes,
            RiskFindings.ANALYZER,
            "Threat model",
            RiskFindings.rules(rules),
            findings,
            List.of());
    return new Checked(model, risks, report, scan.size());
  }

  /** The findings of a Bulwark JSON report. */
  public static List<Finding> findings(Path report) throws InputException {
    try {
      if (Files.size(report) > MAX_REPORT_BYTES) {
        throw new InputException(report + ": larger than " + MAX_REPORT_BYTES + " bytes");
      }
      JsonNode root = new ObjectMapper().readTree(report.toFile());
      JsonNode list = root.path("findings");
      if (!list.isArray()) {
        throw new InputException(report + ": not a Bulwark JSON report (no findings array)");
      }
      List<Finding> out = new ArrayList<>();
      for (JsonNode n : list) {
        out.add(FindingJson.fromJson(n));
      }
      return out;
    } catch (IOException | RuntimeException e) {
      throw new InputException(report + ": cannot read the scan report: " + e.getMessage());
    }
  }

  /**
   * What a Bulwark JSON report looked for: its rules with their CWEs, and whether every analyzer
   * run completed.
   */
  public static EvidenceLinker.Coverage coverage(Path report) throws InputException {
    try {
      JsonNode root = new ObjectMapper().readTree(report.toFile());
      JsonNode runs = root.path("scan").path("analyzers");
      boolean complete = runs.isArray() && !runs.isEmpty();
      for (JsonNode run : runs) {
        complete &= "completed".equals(run.path("status").asText());
      }
      Map<String, Set<String>> cwes = new HashMap<>();
      for (JsonNode rule : root.path("rules")) {
        Set<String> ids = new HashSet<>();
        for (JsonNode t : rule.path("taxa")) {
          if (t.asText().startsWith("CWE-")) {
            ids.add(t.asText());
          }
        }
        if (!ids.isEmpty() && !rule.path("id").asText().isEmpty()) {
          cwes.computeIfAbsent(rule.path("id").asText(), k -> new HashSet<>()).addAll(ids);
        }
      }
      return new EvidenceLinker.Coverage(cwes, complete);
    } catch (IOException | RuntimeException e) {
      throw new InputException(report + ": cannot read the scan report: " + e.getMessage());
    }
  }

  public Drafter.Draft draft(Path repo) throws InputException {
    if (!Files.isDirectory(repo)) {
      throw new InputException(repo + ": not a folder");
    }
    try {
      return Drafter.draft(repo);
    } catch (IOException e) {
      throw new InputException(repo + ": cannot read: " + e.getMessage());
    }
  }

  /** The LLM's proposals for a draft, each checked against the repository. */
  public LlmDrafter.Result propose(Path repo, Drafter.Draft base, LlmClient client)
      throws InputException, InterruptedException {
    try {
      return LlmDrafter.propose(repo, base, client);
    } catch (IOException e) {
      throw new InputException(repo + ": cannot read: " + e.getMessage());
    } catch (LlmException e) {
      throw new InputException("--llm: " + e.getMessage());
    }
  }

  /**
   * The model file's text with the verified proposals added (see {@link ProposalWriter}); nothing
   * is written here.
   */
  public ProposalWriter.Outcome withProposals(
      Path model, List<LlmDrafter.Proposal> proposals, String source) throws InputException {
    try {
      return ProposalWriter.apply(model, proposals, source);
    } catch (IOException e) {
      throw new InputException(model + ": " + e.getMessage());
    } catch (ModelException e) {
      throw new InputException(e.getMessage());
    }
  }

  public Diagrams.Svg diagram(Path model, boolean builtIn) throws InputException {
    ThreatModel m = load(model);
    try {
      return builtIn
          ? new Diagrams.Svg(dev.bulwark.threatmodel.diagram.Layered.svg(m), "built-in")
          : Diagrams.render(m);
    } catch (IOException e) {
      throw new InputException("diagram of " + model + ": " + e.getMessage());
    }
  }
}
