package dev.bulwark.deps.vex;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.deps.match.VulnMatch;
import dev.bulwark.deps.reach.Reachability;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * VEX documents for the matches: CycloneDX 1.6 (vulnerabilities with analysis) and OpenVEX 0.2.0
 * (statements). Unreachable packages are stated not affected, with the code-not-reachable
 * justification and the reason; the rest are affected (exploitable) or under investigation.
 */
public final class VexWriters {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private VexWriters() {}

  public static String cycloneDx(
      List<VulnMatch> matches, Map<VulnMatch, Reachability.Verdict> reach, Instant now) {
    ObjectNode root = JSON.createObjectNode();
    root.put("bomFormat", "CycloneDX");
    root.put("specVersion", "1.6");
    root.put(
        "serialNumber",
        "urn:uuid:"
            + UUID.nameUUIDFromBytes(
                ("vex" + matches).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    root.put("version", 1);
    root.putObject("metadata")
        .put("timestamp", now.toString())
        .putArray("tools")
        .addObject()
        .put("name", "Bulwark");
    ArrayNode vulns = root.putArray("vulnerabilities");
    for (VulnMatch m : matches) {
      ObjectNode v = vulns.addObject();
      v.put("id", m.id());
      v.putObject("source").put("name", m.id().startsWith("CVE-") ? "NVD" : "OSV");
      m.cvss()
          .ifPresent(c ->
              v.putArray("ratings")
                  .addObject()
                  .put("score", c.score())
                  .put(
                      "method",
                      c.version().startsWith("4")
                          ? "CVSSv4"
                          : c.version().startsWith("3") ? "CVSSv31" : "CVSSv2")
                  .put("vector", c.vector()));
      ObjectNode analysis = v.putObject("analysis");
      Reachability.Verdict r = reach.get(m);
      if (r != null && r.state() == Reachability.State.UNREACHABLE) {
        analysis.put("state", "not_affected");
        analysis.put("justification", "code_not_reachable");
        analysis.put("detail", r.reason());
      } else if (r != null && r.state() == Reachability.State.REACHABLE) {
        analysis.put("state", "exploitable");
        analysis.put("detail", r.reason());
        m.fixedIn().ifPresent(f -> analysis.putArray("response").add("update"));
      } else {
        analysis.put("state", "in_triage");
      }
      v.putArray("affects").addObject().put("ref", m.component().purl());
    }
    return write(root);
  }

  public static String openVex(
      List<VulnMatch> matches, Map<VulnMatch, Reachability.Verdict> reach, Instant now) {
    ObjectNode root = JSON.createObjectNode();
    root.put("@context", "https://openvex.dev/ns/v0.2.0");
    root.put(
        "@id",
        "https://openvex.dev/docs/bulwark/"
            + UUID.nameUUIDFromBytes(
                ("openvex" + matches).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    root.put("author", "Bulwark");
    root.put("timestamp", now.toString());
    root.put("version", 1);
    ArrayNode statements = root.putArray("statements");
    for (VulnMatch m : matches) {
      ObjectNode s = statements.addObject();
      ObjectNode vuln = s.putObject("vulnerability");
      vuln.put("name", m.id());
      if (!m.aliases().isEmpty()) {
        m.aliases().forEach(a -> vuln.withArray("aliases").add(a));
      }
      s.putArray("products").addObject().put("@id", m.component().purl());
      Reachability.Verdict r = reach.get(m);
      if (r != null && r.state() == Reachability.State.UNREACHABLE) {
        s.put("status", "not_affected");
        s.put("justification", "vulnerable_code_not_in_execute_path");
        s.put("impact_statement", r.reason());
      } else if (r != null && r.state() == Reachability.State.REACHABLE) {
        s.put("status", "affected");
        s.put(
            "action_statement",
            m.fixedIn()
                .map(f -> "Upgrade to " + f + " or later.")
                .orElse("No fixed version is published; mitigate per the advisory."));
      } else {
        s.put("status", "under_investigation");
      }
    }
    return write(root);
  }

  private static String write(ObjectNode n) {
    try {
      return JSON.writeValueAsString(n) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("a VEX document always serialises", e);
    }
  }
}
