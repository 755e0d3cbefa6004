package dev.bulwark.compliance.assess;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.compliance.evidence.ScanEvidence;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes an assessment as OSCAL 1.1.2 JSON: {@code assessment-results} (one result; an observation
 * per scan used as evidence and per control with failing findings; a finding per control Bulwark
 * can speak to, with its state) and a {@code plan-of-action-and-milestones} with an item per
 * control that is not satisfied.
 */
public final class AssessmentDocuments {
  static final String OSCAL_VERSION = "1.1.2";
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final int MAX_LISTED = 50;

  private AssessmentDocuments() {}

  public static String assessmentResults(
      String profileTitle, String profileHref, List<ControlAssessment> results, Instant at) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode ar = root.putObject("assessment-results");
    ar.put("uuid", OscalIds.of("assessment-results", profileTitle, at.toString()));
    metadata(ar, "Bulwark assessment: " + profileTitle, at);
    ObjectNode importAp = ar.putObject("import-ap");
    importAp.put("href", profileHref);
    importAp.put(
        "remarks",
        "No separate assessment plan: Bulwark assessed the controls of this profile from its own"
            + " scan results.");
    ArrayNode rs = ar.putArray("results");
    ObjectNode r = rs.addObject();
    r.put("uuid", OscalIds.of("result", profileTitle, at.toString()));
    r.put("title", "Automated assessment from Bulwark evidence");
    r.put(
        "description",
        "Control status derived from Bulwark scan results by the evidence mappings: a control is"
            + " satisfied when recent runs of its analyzers report no failing finding.");
    Instant start = at;
    Map<String, ScanEvidence> scans = new LinkedHashMap<>();
    for (ControlAssessment c : results) {
      for (ScanEvidence s : c.evidence()) {
        scans.putIfAbsent(s.source(), s);
        if (s.startedAt().isBefore(start)) {
          start = s.startedAt();
        }
      }
    }
    r.put("start", start.toString());
    r.put("end", at.toString());
    ObjectNode reviewed = r.putObject("reviewed-controls");
    ObjectNode selection = reviewed.putArray("control-selections").addObject();
    ArrayNode include = selection.putArray("include-controls");
    List<ControlAssessment> assessed = new ArrayList<>();
    for (ControlAssessment c : results) {
      if (c.status() != ControlStatus.NOT_ASSESSED) {
        assessed.add(c);
        include.addObject().put("control-id", c.control().id());
      }
    }
    if (assessed.isEmpty()) {
      selection.remove("include-controls");
      selection.putObject("include-all");
    }
    ArrayNode observations = JSON.createArrayNode();
    Map<String, String> scanObservation = new LinkedHashMap<>();
    for (ScanEvidence s : scans.values()) {
      String id = OscalIds.of("observation", s.source(), s.startedAt().toString());
      scanObservation.put(s.source(), id);
      ObjectNode o = observations.addObject();
      o.put("uuid", id);
      o.put("title", "Bulwark results " + s.source());
      o.put(
          "description",
          "Analyzers "
              + String.join(", ", new java.util.TreeSet<>(s.analyzers()))
              + " completed; "
              + s.findings().size()
              + " finding(s).");
      o.putArray("methods").add("TEST");
      ArrayNode ev = o.putArray("relevant-evidence");
      ObjectNode e = ev.addObject();
      e.put("href", s.source());
      e.put("description", "Bulwark JSON report");
      o.put("collected", s.startedAt().toString());
    }
    ArrayNode findings = JSON.createArrayNode();
    for (ControlAssessment c : assessed) {
      List<String> related = new ArrayList<>();
      c.evidence().forEach(s -> related.add(scanObservation.get(s.source())));
      if (!c.failing().isEmpty()) {
        String id = OscalIds.of("failing", c.control().id(), at.toString());
        ObjectNode o = observations.addObject();
        o.put("uuid", id);
        o.put("title", "Findings against " + c.control().label());
        o.put("description", listFindings(c.failing()));
        o.putArray("methods").add("TEST");
        o.put("collected", at.toString());
        related.add(id);
      }
      ObjectNode f = findings.addObject();
      f.put("uuid", OscalIds.of("finding", c.control().id(), at.toString()));
      f.put("title", c.control().label() + " " + c.control().title());
      f.put("description", describe(c));
      ObjectNode target = f.putObject("target");
      target.put("type", "objective-id");
      target.put("target-id", c.control().id() + "_obj");
      ObjectNode status = target.putObject("status");
      status.put("state", c.status() == ControlStatus.SATISFIED ? "satisfied" : "not-satisfied");
      if (c.status() == ControlStatus.NO_EVIDENCE) {
        status.put("reason", "no-evidence");
      }
      if (!related.isEmpty()) {
        ArrayNode ro = f.putArray("related-observations");
        related.forEach(id -> ro.addObject().put("observation-uuid", id));
      }
    }
    if (!observations.isEmpty()) {
      r.set("observations", observations);
    }
    if (!findings.isEmpty()) {
      r.set("findings", findings);
    }
    return write(root);
  }

  public static String poam(String profileTitle, List<ControlAssessment> results, Instant at) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode p = root.putObject("plan-of-action-and-milestones");
    p.put("uuid", OscalIds.of("poam", profileTitle, at.toString()));
    metadata(p, "Bulwark plan of action: " + profileTitle, at);
    ArrayNode items = p.putArray("poam-items");
    for (ControlAssessment c : results) {
      if (c.status() != ControlStatus.NOT_SATISFIED && c.status() != ControlStatus.NO_EVIDENCE) {
        continue;
      }
      ObjectNode item = items.addObject();
      item.put("uuid", OscalIds.of("poam-item", c.control().id(), at.toString()));
      item.put("title", c.control().label() + " " + c.control().title());
      item.put(
          "description",
          c.status() == ControlStatus.NOT_SATISFIED
              ? "Remediate: " + listFindings(c.failing())
              : "Produce evidence: " + c.mapping().map(m -> m.whatToRun()).orElse(""));
    }
    if (items.isEmpty()) {
      p.remove("poam-items");
      ObjectNode none = p.putArray("poam-items").addObject();
      none.put("uuid", OscalIds.of("poam-item", "none", at.toString()));
      none.put("title", "No open items");
      none.put("description", "Every control Bulwark assessed is satisfied.");
    }
    return write(root);
  }

  private static void metadata(ObjectNode doc, String title, Instant at) {
    ObjectNode m = doc.putObject("metadata");
    m.put("title", title);
    m.put("last-modified", at.toString());
    m.put("version", at.toString());
    m.put("oscal-version", OSCAL_VERSION);
  }

  static String describe(ControlAssessment c) {
    return switch (c.status()) {
      case SATISFIED ->
          "Satisfied: "
              + c.evidence().size()
              + " recent Bulwark result(s) ("
              + String.join(", ", c.mapping().orElseThrow().analyzers())
              + ") report no failing finding.";
      case NOT_SATISFIED -> "Not satisfied: " + c.failing().size() + " failing finding(s).";
      case NO_EVIDENCE ->
          "No evidence: no recent run of "
              + String.join(", ", c.mapping().orElseThrow().analyzers())
              + ". Run: "
              + c.mapping().orElseThrow().whatToRun();
      case NOT_ASSESSED -> "Not assessed by Bulwark.";
    };
  }

  static String listFindings(List<ScanEvidence.EvidenceFinding> failing) {
    StringBuilder sb = new StringBuilder();
    int n = 0;
    for (ScanEvidence.EvidenceFinding f : failing) {
      if (n++ == MAX_LISTED) {
        sb.append("… and ").append(failing.size() - MAX_LISTED).append(" more.");
        break;
      }
      sb.append(f.severity().label())
          .append(' ')
          .append(f.ruleId())
          .append(" at ")
          .append(f.location())
          .append("; ");
    }
    return sb.toString().strip();
  }

  private static String write(ObjectNode root) {
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("a tree of plain nodes always serialises", e);
    }
  }
}
