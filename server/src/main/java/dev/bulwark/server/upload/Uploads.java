package dev.bulwark.server.upload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.store.Documents;
import dev.bulwark.store.Fixes;
import dev.bulwark.store.Ingest;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What the team server does with what is sent to it: a scan's or a hunt's report (its findings
 * streamed into the store, its incidents beside them), verified fixes, a patch plan. The routes
 * read the request and know the caller; this layer checks the content and stores it, so no route
 * reaches the store with an upload of its own. A malformed upload is an {@link
 * IllegalArgumentException} naming the part at fault (the server answers 400 with it).
 */
public final class Uploads {
  static final ObjectMapper JSON = new ObjectMapper();

  private final Ingest ingest;
  private final Fixes fixes;
  private final Documents documents;

  public Uploads(Ingest ingest, Fixes fixes, Documents documents) {
    this.ingest = Objects.requireNonNull(ingest, "ingest");
    this.fixes = Objects.requireNonNull(fixes, "fixes");
    this.documents = Objects.requireNonNull(documents, "documents");
  }

  /**
   * A Bulwark JSON report (a scan's, or a hunt's with its incidents) in {@code file}: checked whole
   * first, then streamed into the store one finding at a time. {@code key} makes a repeated upload
   * a no-op; {@code sha256} is the file's digest, which tells a repeat from a reused key.
   */
  public Ingest.Result report(String project, String key, Path file, String sha256, Long userId)
      throws IOException {
    UploadedReport report = UploadedReport.check(file);
    Set<String> analyzers = new LinkedHashSet<>(report.analyzers);
    List<Ingest.IncidentIn> incidents = new ArrayList<>();
    if (report.incidents != null) {
      for (JsonNode in : report.incidents) {
        incidents.add(
            new Ingest.IncidentIn(
                in.path("id").asText(),
                in.path("title").asText(""),
                in.path("score").asInt(),
                instant(in.path("first")),
                instant(in.path("last")),
                in.toString()));
        analyzers.add("logs");
      }
    } else {
      incidents.addAll(incidentsOf(report.incidentFindings));
    }
    Ingest.Upload upload =
        new Ingest.Upload(project, key, report.tool, analyzers, List.of(), incidents, sha256);
    try (UploadedReport.FindingStream findings = report.stream()) {
      return ingest.upload(upload, findings, userId);
    }
  }

  /** What a fixes upload did: the fixes stored and matched, and those that were not verified. */
  public record FixUpload(Fixes.Result stored, int skipped) {}

  /**
   * The verified fixes of a Bulwark JSON report in {@code file}, streamed like a scan's upload: one
   * finding in memory at a time, the patches kept; a fix that is not verified is skipped.
   */
  public FixUpload fixes(String project, Path file, Long userId) throws IOException {
    List<Fixes.In> keep = new ArrayList<>();
    int skipped = 0;
    int i = 0;
    try (UploadedReport.NodeStream list = UploadedReport.nodes(file)) {
      while (list.hasNext()) {
        JsonNode f = list.next();
        JsonNode fix = f.path("fix");
        if (fix.isObject()) {
          if (!fix.path("status").asText().equals("verified") || !fix.path("diff").isTextual()) {
            skipped++;
          } else {
            try {
              keep.add(
                  new Fixes.In(
                      f.path("fingerprint").asText(""),
                      fix.path("description").asText(""),
                      fix.path("diff").asText(),
                      fix.hasNonNull("provenance") ? fix.get("provenance").asText() : null));
            } catch (IllegalArgumentException e) {
              throw UploadedReport.invalid("findings[" + i + "].fix: " + e.getMessage());
            }
          }
        }
        i++;
      }
      if (!list.sawFindings()) {
        throw UploadedReport.invalid("not a Bulwark JSON report: no findings array");
      }
    }
    return new FixUpload(fixes.put(project, keep, userId), skipped);
  }

  /** A patch plan ({@code bulwark deps plan --format json}): the project's latest. */
  public void patchPlan(String project, JsonNode plan, Long userId) {
    if (plan == null || !plan.isObject()) {
      throw UploadedReport.invalid("the body must be a JSON object");
    }
    documents.putPatchPlan(project, plan.toString(), userId);
  }

  /**
   * A log hunt's report carries its detections as findings, each naming its incident; the incidents
   * are rebuilt from them: their detections in time order, hosts, ATT&CK tactics and techniques,
   * and a score from the detections' severities.
   */
  static List<Ingest.IncidentIn> incidentsOf(JsonNode findings) {
    java.util.Map<String, List<JsonNode>> byIncident = new java.util.LinkedHashMap<>();
    for (JsonNode f : findings) {
      String id = f.path("properties").path("incident").asText("");
      if (!id.isEmpty()) {
        byIncident.computeIfAbsent(id, k -> new ArrayList<>()).add(f);
      }
    }
    List<Ingest.IncidentIn> out = new ArrayList<>();
    for (var e : byIncident.entrySet()) {
      ObjectNode body = JSON.createObjectNode().put("id", e.getKey());
      ArrayNode dets = body.putArray("detections");
      Set<String> hosts = new java.util.TreeSet<>();
      Set<String> tactics = new java.util.TreeSet<>();
      Instant first = null;
      Instant last = null;
      int score = 0;
      JsonNode worst = null;
      for (JsonNode f : e.getValue()) {
        JsonNode loc = f.path("locations").path(0);
        ObjectNode d = dets.addObject();
        d.put("time", loc.path("timestamp").asText(""));
        d.put("severity", f.path("severity").asText());
        d.put("rule", f.path("title").asText());
        d.put("ruleId", f.path("ruleId").asText(""));
        d.put("user", f.path("properties").path("user").asText(""));
        d.put("commandLine", f.path("properties").path("commandLine").asText(""));
        d.put("host", loc.path("host").asText(""));
        d.put("recordId", loc.path("recordId").asText(""));
        d.put("source", loc.path("path").asText(""));
        ArrayNode ts = d.putArray("tactics");
        for (String t : f.path("properties").path("tactics").asText("").split(",")) {
          if (!t.isBlank()) {
            ts.add(t.strip());
            tactics.add(t.strip());
          }
        }
        ArrayNode techs = d.putArray("techniques");
        for (JsonNode t : f.path("taxa")) {
          if (t.path("taxonomy").asText().equals("ATTACK")) {
            techs.add(t.path("id").asText());
          }
        }
        if (!loc.path("host").asText("").isEmpty()) {
          hosts.add(loc.path("host").asText());
        }
        Instant at = instant(loc.path("timestamp"));
        if (at != null) {
          first = first == null || at.isBefore(first) ? at : first;
          last = last == null || at.isAfter(last) ? at : last;
        }
        int rank = dev.bulwark.store.FindingStore.severityRank(f.path("severity").asText());
        score += 5 * rank;
        if (worst == null
            || rank
                > dev.bulwark.store.FindingStore.severityRank(worst.path("severity").asText())) {
          worst = f;
        }
      }
      body.set("hosts", JSON.valueToTree(hosts));
      body.set("tactics", JSON.valueToTree(tactics));
      String title =
          worst.path("title").asText()
              + (hosts.isEmpty() ? "" : " on " + String.join(", ", hosts))
              + (e.getValue().size() > 1 ? " (+" + (e.getValue().size() - 1) + " more)" : "");
      body.put(
          "narrative", e.getValue().size() + " detections across " + tactics.size() + " tactics");
      out.add(
          new Ingest.IncidentIn(
              e.getKey(), title, Math.min(100, score), first, last, body.toString()));
    }
    return out;
  }

  static Instant instant(JsonNode n) {
    try {
      return n.isTextual() ? Instant.parse(n.asText()) : null;
    } catch (java.time.format.DateTimeParseException e) {
      throw UploadedReport.invalid("not an ISO-8601 instant: " + n.asText());
    }
  }
}
