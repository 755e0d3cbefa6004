package dev.bulwark.threatmodel.report;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.bulwark.core.errors.InputException;
import dev.bulwark.threatmodel.model.ThreatModel;
import dev.bulwark.threatmodel.rules.Risk;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A model's check as the team server shows it: the model itself (so the server draws its diagram
 * and matrices without the model's files), every risk with its evidence, and how many findings the
 * scan held. {@code threatmodel check --publish} leaves it in the data directory; the console's
 * threat-model page and {@code GET /api/threat-model} read it from there.
 */
public record PublishedCheck(
    String modelFile, String checkedAt, ThreatModel model, List<Row> risks, int scanFindings) {
  public PublishedCheck {
    risks = List.copyOf(risks);
  }

  /** Where the check is left, inside the data directory. */
  public static final String PUBLISHED = "threatmodel/check.json";

  /** One risk: what raised it, on which element, how it is rated and tracked, and its evidence. */
  public record Row(
      String id,
      String ruleId,
      String ruleTitle,
      String stride,
      int cwe,
      String kind,
      String elementId,
      String elementTitle,
      String impact,
      String likelihood,
      String severity,
      String status,
      boolean open,
      String mitigation,
      List<Risk.Evidence> evidence) {
    public Row {
      evidence = evidence == null ? List.of() : List.copyOf(evidence);
    }
  }

  /**
   * The check of {@code model} (read from {@code modelFile}, of which only the name is kept: the
   * server has no business with the checking machine's paths), risks worst first.
   */
  public static PublishedCheck of(
      Path modelFile, ThreatModel model, List<Risk> risks, int scanFindings, Instant at) {
    List<Row> rows =
        risks.stream()
            .sorted(
                Comparator.comparingInt((Risk r) -> -severityRank(r.severity()))
                    .thenComparing(Risk::syntheticId))
            .map(r ->
                new Row(
                    r.syntheticId(),
                    r.rule().id(),
                    r.rule().title(),
                    r.rule().stride().label(),
                    r.rule().cwe(),
                    r.kind().label(),
                    r.elementId(),
                    r.elementTitle(),
                    r.impact(),
                    r.likelihood(),
                    r.severity(),
                    r.status().label(),
                    r.status().open(),
                    r.rule().mitigation() == null ? "" : r.rule().mitigation().strip(),
                    r.evidence()))
            .toList();
    Path name = modelFile.getFileName();
    return new PublishedCheck(
        name == null ? modelFile.toString() : name.toString(),
        at.toString(),
        model.withoutSources(),
        rows,
        scanFindings);
  }

  /** The model's severities, worst first, for sorting. */
  static final List<String> SEVERITIES = List.of("low", "medium", "elevated", "high", "critical");

  static int severityRank(String severity) {
    return SEVERITIES.indexOf(severity);
  }

  private static ObjectMapper json() {
    return new ObjectMapper()
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(SerializationFeature.INDENT_OUTPUT);
  }

  public String toJson() {
    try {
      return json().writeValueAsString(this) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("published check as JSON", e);
    }
  }

  public static PublishedCheck fromJson(String text) throws InputException {
    try {
      return json().readValue(text, PublishedCheck.class);
    } catch (IOException | RuntimeException e) {
      throw new InputException("not a published threat-model check: " + e.getMessage(), e);
    }
  }

  /** Writes the check where the server reads it, replacing the last one whole. */
  public static Path publish(Path dataDir, PublishedCheck c) throws InputException {
    Path file = dataDir.resolve(PUBLISHED);
    try {
      Files.createDirectories(file.getParent());
      Path tmp = Files.createTempFile(file.getParent(), "check", ".tmp");
      Files.writeString(tmp, c.toJson());
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return file;
    } catch (IOException e) {
      throw new InputException(file + ": cannot publish the check: " + e.getMessage(), e);
    }
  }

  /** The check last published in {@code dataDir}, if any. */
  public static Optional<PublishedCheck> published(Path dataDir) throws InputException {
    Path file = dataDir.resolve(PUBLISHED);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(fromJson(Files.readString(file)));
    } catch (IOException e) {
      throw new InputException(file + ": cannot read: " + e.getMessage(), e);
    } catch (InputException e) {
      throw new InputException(file + ": " + e.getMessage(), e);
    }
  }
}
