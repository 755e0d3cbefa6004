package dev.bulwark.core.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.core.errors.Diagnostic;
import dev.bulwark.core.model.RuleDescriptor;
import dev.bulwark.core.model.Severity;
import dev.bulwark.core.model.TaxonomyRef;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;

/**
 * Bulwark's own JSON report, version {@value #SCHEMA_VERSION}; its JSON Schema ships as {@code
 * dev/bulwark/core/report/bulwark-report-1.schema.json} and is described in {@code
 * docs/report-format.md}.
 */
public final class JsonReportWriter implements ReportWriter {
  public static final String SCHEMA_VERSION = "1.0";
  public static final String SCHEMA_ID = "https://bulwark.dev/schema/report-1.schema.json";

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
    root.put("$schema", SCHEMA_ID);
    root.put("schemaVersion", SCHEMA_VERSION);
    ObjectNode tool = root.putObject("tool");
    tool.put("name", report.tool().name());
    tool.put("version", report.tool().version());
    tool.put("informationUri", report.tool().informationUri());

    ScanSummary s = report.scan();
    ObjectNode scan = root.putObject("scan");
    scan.put("baseDir", s.baseDir());
    ArrayNode roots = scan.putArray("roots");
    s.roots().forEach(roots::add);
    scan.put("startedAt", s.startedAt().toString());
    scan.put("durationMs", s.duration().toMillis());
    scan.put("filesScanned", s.filesScanned());
    scan.put("bytesScanned", s.bytesScanned());
    ArrayNode analyzers = scan.putArray("analyzers");
    for (AnalyzerRun r : s.analyzers()) {
      ObjectNode a = analyzers.addObject();
      a.put("id", r.id());
      a.put("name", r.name());
      a.put("durationMs", r.millis());
      a.put("findings", r.findings());
      a.put("status", r.status().name().toLowerCase(Locale.ROOT));
    }
    ObjectNode baseline = scan.putObject("baseline");
    baseline.put("applied", s.baselineApplied());
    baseline.put("matched", s.baselineMatched());

    ObjectNode summary = root.putObject("summary");
    summary.put("total", report.findings().size());
    ObjectNode bySeverity = summary.putObject("bySeverity");
    report.countsBySeverity().forEach((sev, n) -> bySeverity.put(sev.label(), n));
    summary.put("suppressed", report.suppressed().size());
    summary.put("diagnostics", report.diagnostics().size());

    ArrayNode findings = root.putArray("findings");
    report.findings().forEach(f -> findings.add(FindingJson.toJson(f)));
    ArrayNode suppressed = root.putArray("suppressed");
    for (SuppressedFinding sf : report.suppressed()) {
      ObjectNode n = suppressed.addObject();
      n.put("kind", sf.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'));
      n.put("justification", sf.justification());
      n.set("finding", FindingJson.toJson(sf.finding()));
    }
    ArrayNode diagnostics = root.putArray("diagnostics");
    for (Diagnostic d : report.diagnostics()) {
      ObjectNode n = diagnostics.addObject();
      n.put("level", d.level().name().toLowerCase(Locale.ROOT));
      n.put("source", d.source());
      if (d.path() != null) {
        n.put("path", d.path());
      }
      n.put("message", d.message());
    }
    ArrayNode rules = root.putArray("rules");
    for (RuleDescriptor r : report.rules()) {
      rules.add(rule(r));
    }
    return root;
  }

  static ObjectNode rule(RuleDescriptor r) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("id", r.id());
    n.put("name", r.name());
    n.put("shortDescription", r.shortDescription());
    n.put("help", r.help());
    n.put("defaultSeverity", r.defaultSeverity().label());
    ArrayNode taxa = n.putArray("taxa");
    for (TaxonomyRef t : r.taxa()) {
      taxa.add(t.display());
    }
    ArrayNode tags = n.putArray("tags");
    r.tags().forEach(tags::add);
    return n;
  }

  /** Severity names in report order, for schema enums and tests. */
  public static String[] severityLabels() {
    Severity[] values = Severity.values();
    String[] out = new String[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = values[i].label();
    }
    return out;
  }
}
