package dev.bulwark.compliance.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.core.errors.InputException;
import dev.bulwark.core.model.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads a folder of Bulwark JSON reports. A file that is not a Bulwark report is named in {@code
 * problems} and skipped, so one stray file does not stop an assessment.
 */
public final class EvidenceReader {
  private static final ObjectMapper JSON = new ObjectMapper();

  private EvidenceReader() {}

  /** What was read and what was skipped, with the reason. */
  public record Evidence(List<ScanEvidence> scans, List<String> problems) {
    public Evidence {
      scans = List.copyOf(scans);
      problems = List.copyOf(problems);
    }
  }

  public static Evidence readDir(Path dir) throws InputException {
    if (!Files.isDirectory(dir)) {
      throw new InputException(dir + ": evidence folder not found");
    }
    List<ScanEvidence> scans = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    List<Path> files;
    try (Stream<Path> s = Files.walk(dir, 3)) {
      files =
          s.filter(p -> p.toString().endsWith(".json") && Files.isRegularFile(p)).sorted().toList();
    } catch (IOException e) {
      throw new InputException(dir + ": unreadable: " + e.getMessage(), e);
    }
    for (Path f : files) {
      try {
        scans.add(read(f, dir.relativize(f).toString()));
      } catch (InputException e) {
        problems.add(e.getMessage());
      }
    }
    return new Evidence(scans, problems);
  }

  public static ScanEvidence read(Path file, String name) throws InputException {
    JsonNode root;
    try {
      root = JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new InputException(name + ": not valid JSON: " + e.getMessage(), e);
    }
    JsonNode scan = root.path("scan");
    if (!root.path("tool").path("name").asText("").equalsIgnoreCase("bulwark")
        || scan.isMissingNode()) {
      throw new InputException(
          name + ": not a Bulwark JSON report (no tool.name bulwark and scan)");
    }
    Instant started;
    try {
      started = Instant.parse(scan.path("startedAt").asText());
    } catch (DateTimeParseException e) {
      throw new InputException(name + ": scan.startedAt is not a timestamp", e);
    }
    Set<String> analyzers = new HashSet<>();
    for (JsonNode a : scan.path("analyzers")) {
      if (a.path("status").asText().equals("completed")) {
        analyzers.add(a.path("id").asText());
      }
    }
    List<ScanEvidence.EvidenceFinding> findings = new ArrayList<>();
    for (JsonNode f : root.path("findings")) {
      Set<String> controls = new HashSet<>();
      for (JsonNode t : f.path("taxa")) {
        if (t.path("taxonomy").asText().equals("OSCAL")) {
          controls.add(
              t.path("id").asText().toLowerCase(Locale.ROOT).replace("(", ".").replace(")", ""));
        }
      }
      JsonNode loc = f.path("locations").path(0);
      String where = loc.path("path").asText(loc.path("purl").asText(""));
      if (loc.has("startLine")) {
        where += ":" + loc.path("startLine").asInt();
      } else if (loc.path("region").has("startLine")) {
        where += ":" + loc.path("region").path("startLine").asInt();
      }
      Severity sev;
      try {
        sev = Severity.valueOf(f.path("severity").asText("info").toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new InputException(name + ": unknown severity " + f.path("severity").asText(), e);
      }
      findings.add(
          new ScanEvidence.EvidenceFinding(
              f.path("analyzer").asText(),
              f.path("ruleId").asText(),
              f.path("title").asText(),
              sev,
              where,
              controls));
    }
    return new ScanEvidence(name, started, analyzers, findings);
  }
}
