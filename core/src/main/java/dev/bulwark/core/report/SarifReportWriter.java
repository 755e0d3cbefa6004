package dev.bulwark.core.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.core.errors.Diagnostic;
import dev.bulwark.core.model.CodeFlow;
import dev.bulwark.core.model.Finding;
import dev.bulwark.core.model.Fix;
import dev.bulwark.core.model.Location;
import dev.bulwark.core.model.Region;
import dev.bulwark.core.model.RuleDescriptor;
import dev.bulwark.core.model.TaxonomyRef;
import dev.bulwark.core.suppress.Baseline;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * SARIF 2.1.0, as code-scanning services consume it: rules with help text and CWE relationships, a
 * CWE taxonomy, {@code partialFingerprints}, code flows, fixes, in-source suppressions, and the
 * scan's diagnostics as tool notifications. Output validates against the OASIS schema.
 */
public final class SarifReportWriter implements ReportWriter {
  private static final String SRCROOT = "%SRCROOT%";
  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

  @Override
  public void write(ScanReport report, OutputStream out) throws IOException {
    MAPPER.writeValue(out, toJson(report));
    out.write('\n');
  }

  public static ObjectNode toJson(ScanReport report) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
    root.put("version", "2.1.0");
    ObjectNode run = root.putArray("runs").addObject();

    // Rules: those the analyzers declared, plus any a finding names without a descriptor.
    Map<String, RuleDescriptor> rules = new LinkedHashMap<>();
    report.rules().forEach(r -> rules.putIfAbsent(r.id(), r));
    List<Finding> everything = new ArrayList<>(report.findings());
    report.suppressed().forEach(s -> everything.add(s.finding()));
    for (Finding f : everything) {
      rules.computeIfAbsent(
          f.ruleId(),
          id ->
              new RuleDescriptor(
                  id, f.title(), f.title(), f.remediation(), f.severity(), f.taxa(), List.of()));
    }
    Set<String> cwes = new LinkedHashSet<>();
    rules
        .values()
        .forEach(
            r -> r.taxa().stream().filter(SarifReportWriter::isCwe).forEach(t -> cwes.add(t.id())));
    everything.forEach(
        f -> f.taxa().stream().filter(SarifReportWriter::isCwe).forEach(t -> cwes.add(t.id())));

    ObjectNode driver = run.putObject("tool").putObject("driver");
    driver.put("name", report.tool().name());
    driver.put("version", report.tool().version());
    driver.put("semanticVersion", report.tool().version().replaceAll("[^0-9A-Za-z.+-]", ""));
    driver.put("informationUri", report.tool().informationUri());
    ArrayNode rulesNode = driver.putArray("rules");
    Map<String, Integer> ruleIndex = new HashMap<>();
    for (RuleDescriptor r : rules.values()) {
      ruleIndex.put(r.id(), ruleIndex.size());
      rulesNode.add(rule(r));
    }
    if (!cwes.isEmpty()) {
      ArrayNode supported = driver.putArray("supportedTaxonomies");
      supported.addObject().put("name", "CWE").put("index", 0);
      ObjectNode cwe = run.putArray("taxonomies").addObject();
      cwe.put("name", "CWE");
      cwe.put("organization", "MITRE");
      cwe.putObject("shortDescription").put("text", "The MITRE Common Weakness Enumeration");
      cwe.put("informationUri", "https://cwe.mitre.org/");
      ArrayNode taxa = cwe.putArray("taxa");
      for (String id : cwes) {
        ObjectNode t = taxa.addObject();
        t.put("id", id);
        t.put("name", "CWE-" + id);
        t.put("helpUri", TaxonomyRef.cwe(Integer.parseInt(id)).url());
      }
    }

    String baseUri = Path.of(report.scan().baseDir()).toUri().toString();
    if (!baseUri.endsWith("/")) {
      baseUri += "/";
    }
    run.putObject("originalUriBaseIds").putObject(SRCROOT).put("uri", baseUri);

    ObjectNode invocation = run.putArray("invocations").addObject();
    invocation.put("executionSuccessful", true);
    invocation.put("startTimeUtc", report.scan().startedAt().toString());
    invocation.put(
        "endTimeUtc", report.scan().startedAt().plus(report.scan().duration()).toString());
    if (!report.diagnostics().isEmpty()) {
      ArrayNode notes = invocation.putArray("toolExecutionNotifications");
      for (Diagnostic d : report.diagnostics()) {
        ObjectNode n = notes.addObject();
        n.put(
            "level",
            switch (d.level()) {
              case ERROR -> "error";
              case WARNING -> "warning";
              case NOTE -> "note";
            });
        n.putObject("message").put("text", d.message());
        if (d.path() != null) {
          n.putArray("locations")
              .addObject()
              .putObject("physicalLocation")
              .set("artifactLocation", artifact(d.path()));
        }
        n.putObject("properties").put("source", d.source());
      }
    }

    ArrayNode results = run.putArray("results");
    for (Finding f : report.findings()) {
      ObjectNode r = result(f, ruleIndex);
      if (report.scan().baselineApplied()) {
        r.put("baselineState", "new");
      }
      results.add(r);
    }
    for (SuppressedFinding s : report.suppressed()) {
      ObjectNode r = result(s.finding(), ruleIndex);
      ObjectNode sup = r.putArray("suppressions").addObject();
      sup.put("kind", s.kind() == SuppressedFinding.Kind.IN_SOURCE ? "inSource" : "external");
      sup.put("justification", s.justification());
      results.add(r);
    }
    ObjectNode props = run.putObject("properties");
    props.put("filesScanned", report.scan().filesScanned());
    props.put("bytesScanned", report.scan().bytesScanned());
    return root;
  }

  private static boolean isCwe(TaxonomyRef t) {
    return t.taxonomy() == TaxonomyRef.Taxonomy.CWE && t.id().matches("\\d+");
  }

  private static ObjectNode rule(RuleDescriptor r) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("id", r.id());
    n.put("name", r.name());
    n.putObject("shortDescription").put("text", r.shortDescription());
    n.putObject("fullDescription").put("text", firstParagraph(r.help()));
    ObjectNode help = n.putObject("help");
    help.put("text", r.help());
    help.put("markdown", r.help());
    n.putObject("defaultConfiguration").put("level", r.defaultSeverity().sarifLevel());
    ObjectNode props = n.putObject("properties");
    ArrayNode tags = props.putArray("tags");
    tags.add("security");
    r.tags().forEach(tags::add);
    for (TaxonomyRef t : r.taxa()) {
      if (isCwe(t)) {
        tags.add("external/cwe/cwe-" + t.id());
      }
    }
    props.put(
        "security-severity",
        String.format(Locale.ROOT, "%.1f", r.defaultSeverity().securitySeverity()));
    List<TaxonomyRef> cwes = r.taxa().stream().filter(SarifReportWriter::isCwe).toList();
    if (!cwes.isEmpty()) {
      ArrayNode rel = n.putArray("relationships");
      for (TaxonomyRef t : cwes) {
        ObjectNode rn = rel.addObject();
        ObjectNode target = rn.putObject("target");
        target.put("id", t.id());
        target.putObject("toolComponent").put("name", "CWE");
        rn.putArray("kinds").add("superset");
      }
    }
    return n;
  }

  private static String firstParagraph(String text) {
    int cut = text.indexOf("\n\n");
    return (cut < 0 ? text : text.substring(0, cut)).strip();
  }

  private static ObjectNode result(Finding f, Map<String, Integer> ruleIndex) {
    ObjectNode r = MAPPER.createObjectNode();
    r.put("ruleId", f.ruleId());
    Integer idx = ruleIndex.get(f.ruleId());
    if (idx != null) {
      r.put("ruleIndex", idx);
    }
    r.put("level", f.severity().sarifLevel());
    r.putObject("message").put("text", f.message());
    ArrayNode locs = r.putArray("locations");
    for (Location l : f.locations()) {
      locs.add(location(l, null));
    }
    r.putObject("partialFingerprints").put(Baseline.SARIF_FINGERPRINT_KEY, f.fingerprint());
    List<TaxonomyRef> cwes = f.taxa().stream().filter(SarifReportWriter::isCwe).toList();
    if (!cwes.isEmpty()) {
      ArrayNode taxa = r.putArray("taxa");
      for (TaxonomyRef t : cwes) {
        ObjectNode tn = taxa.addObject();
        tn.put("id", t.id());
        tn.putObject("toolComponent").put("name", "CWE");
      }
    }
    if (!f.codeFlows().isEmpty()) {
      ArrayNode flows = r.putArray("codeFlows");
      for (CodeFlow cf : f.codeFlows()) {
        ObjectNode flow = flows.addObject();
        if (cf.message() != null) {
          flow.putObject("message").put("text", cf.message());
        }
        ArrayNode tlocs = flow.putArray("threadFlows").addObject().putArray("locations");
        for (CodeFlow.Step s : cf.steps()) {
          ObjectNode tl = tlocs.addObject();
          tl.set("location", location(s.location(), s.message()));
          tl.putArray("kinds").add(s.kind().name().toLowerCase(Locale.ROOT));
        }
      }
    }
    f.fix()
        .filter(fix -> !fix.changes().isEmpty())
        .ifPresent(fix -> r.putArray("fixes").add(fix(fix)));
    ObjectNode props = r.putObject("properties");
    props.put("severity", f.severity().label());
    props.put("confidence", f.confidence().label());
    props.put("analyzer", f.analyzer());
    props.put("title", f.title());
    if (f.remediation() != null) {
      props.put("remediation", f.remediation());
    }
    ArrayNode refs = null;
    for (TaxonomyRef t : f.taxa()) {
      if (!isCwe(t)) {
        if (refs == null) {
          refs = props.putArray("references");
        }
        refs.add(t.display());
      }
    }
    f.properties().forEach(props::put);
    return r;
  }

  private static ObjectNode location(Location l, String message) {
    ObjectNode n = MAPPER.createObjectNode();
    switch (l) {
      case Location.File f -> physical(n, f.path(), f.region(), f.snippet());
      case Location.GitBlob g -> {
        physical(n, g.path(), g.region(), g.snippet());
        n.putObject("properties").put("commit", g.commit());
      }
      case Location.LogEvent e -> {
        physical(n, e.path(), null, null);
        ObjectNode p = n.putObject("properties");
        putIfPresent(p, "recordId", e.recordId());
        putIfPresent(p, "timestamp", e.timestamp() == null ? null : e.timestamp().toString());
        putIfPresent(p, "channel", e.channel());
        putIfPresent(p, "host", e.host());
      }
      case Location.MailPart m -> {
        physical(n, m.path(), null, null);
        ObjectNode p = n.putObject("properties");
        p.put("messageIndex", m.messageIndex());
        putIfPresent(p, "part", m.part());
        putIfPresent(p, "snippet", m.snippet());
      }
      case Location.Package p -> {
        if (p.manifest() != null) {
          physical(n, p.manifest(), p.region(), null);
        }
        ObjectNode ll = n.putArray("logicalLocations").addObject();
        ll.put("name", p.purl());
        ll.put("kind", "package");
      }
      case Location.Host h -> {
        ObjectNode ll = n.putArray("logicalLocations").addObject();
        ll.put("name", h.display());
        ll.put("kind", "host");
      }
    }
    if (message != null) {
      n.putObject("message").put("text", message);
    }
    return n;
  }

  private static void physical(ObjectNode n, String path, Region region, String snippet) {
    ObjectNode pl = n.putObject("physicalLocation");
    pl.set("artifactLocation", artifact(path));
    if (region != null) {
      ObjectNode r = region(region);
      if (snippet != null) {
        r.putObject("snippet").put("text", snippet);
      }
      pl.set("region", r);
    }
  }

  private static ObjectNode region(Region region) {
    ObjectNode r = MAPPER.createObjectNode();
    r.put("startLine", region.startLine());
    if (region.hasColumns()) {
      r.put("startColumn", region.startColumn());
    }
    r.put("endLine", region.endLine());
    if (region.hasColumns()) {
      r.put("endColumn", region.endColumn());
    }
    return r;
  }

  private static ObjectNode artifact(String path) {
    ObjectNode a = MAPPER.createObjectNode();
    a.put("uri", toUri(path));
    if (!path.startsWith("/")) {
      a.put("uriBaseId", SRCROOT);
    }
    return a;
  }

  /** Percent-encodes a relative or absolute path into a URI reference. */
  static String toUri(String path) {
    try {
      return new URI(null, null, path, null).toASCIIString();
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("path cannot be written as a URI: " + path, e);
    }
  }

  private static ObjectNode fix(Fix fix) {
    ObjectNode n = MAPPER.createObjectNode();
    n.putObject("description")
        .put(
            "text",
            fix.description() + (fix.status() == Fix.Status.VERIFIED ? "" : " (not verified)"));
    ArrayNode changes = n.putArray("artifactChanges");
    for (Fix.Change c : fix.changes()) {
      ObjectNode cn = changes.addObject();
      cn.set("artifactLocation", artifact(c.path()));
      ArrayNode reps = cn.putArray("replacements");
      for (Fix.Replacement rep : c.replacements()) {
        ObjectNode rn = reps.addObject();
        rn.set("deletedRegion", region(rep.deleted()));
        rn.putObject("insertedContent").put("text", rep.inserted());
      }
    }
    ObjectNode props = n.putObject("properties");
    props.put("status", fix.status().name().toLowerCase(Locale.ROOT));
    putIfPresent(props, "provenance", fix.provenance());
    return n;
  }

  private static void putIfPresent(ObjectNode n, String key, String value) {
    if (value != null) {
      n.put(key, value);
    }
  }
}
