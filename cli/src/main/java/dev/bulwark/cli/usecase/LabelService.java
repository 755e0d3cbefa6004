package dev.bulwark.cli.usecase;

import dev.bulwark.ai.embed.Embeddings;
import dev.bulwark.core.model.Finding;
import dev.bulwark.core.model.Label;
import dev.bulwark.core.model.Location;
import dev.bulwark.core.model.Severity;
import dev.bulwark.core.model.Verdict;
import dev.bulwark.core.report.ToolInfo;
import dev.bulwark.triage.label.LabelStore;
import dev.bulwark.triage.label.SimilarVerdicts;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Label: defenders' verdicts on findings, kept in the data directory (latest verdict wins), and how
 * the team judged findings like a given one.
 */
public final class LabelService {
  private final LabelStore store;

  public LabelService(Path dataDir) {
    this.store = new LabelStore(dataDir);
  }

  /** The file the verdicts are kept in. */
  public Path file() {
    return store.file();
  }

  /** What Bulwark is, as a label records it. */
  public static String tool() {
    return ToolInfo.current().name() + " " + ToolInfo.current().version();
  }

  /** A verdict on a finding whose content is known, so the label can train models. */
  public static Label of(
      Finding finding, Verdict verdict, Severity severity, String note, String who, Instant at) {
    return Label.of(
        finding, verdict, severity == null ? null : severity.label(), note, who, at, tool());
  }

  /** Records verdicts. */
  public void record(List<Label> labels) throws IOException {
    store.add(labels);
  }

  /** The current verdicts, one per finding. */
  public List<Label> current() throws IOException {
    return store.current();
  }

  /**
   * An index of the current verdicts for finding look-alikes by meaning (offline embeddings), made
   * once for many queries; empty when nothing is labelled yet.
   */
  public Optional<SimilarVerdicts> similarVerdicts() throws IOException {
    List<Label> labels = current();
    return labels.isEmpty()
        ? Optional.empty()
        : Optional.of(new SimilarVerdicts(labels, new Embeddings()));
  }

  /** The text a finding is compared by. */
  public static String text(Finding finding) {
    String snippet =
        finding.primaryLocation() instanceof Location.File file ? file.snippet() : null;
    return SimilarVerdicts.text(finding.ruleId(), finding.title(), finding.message(), snippet);
  }
}
