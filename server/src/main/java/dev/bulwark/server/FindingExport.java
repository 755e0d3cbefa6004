package dev.bulwark.server;

import dev.bulwark.core.model.Finding;
import dev.bulwark.core.report.FindingJson;
import dev.bulwark.core.report.JsonReportWriter;
import dev.bulwark.core.report.SarifReportWriter;
import dev.bulwark.core.report.ScanReport;
import dev.bulwark.store.FindingStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A project's stored findings as a report file, SARIF 2.1.0 or Bulwark's JSON: whatever put them in
 * the store (an uploaded scan, a canary call-back), they leave it in the formats a scan writes. The
 * same filters as {@code GET /api/findings} apply; at most {@value #MAX} findings, most severe
 * first, with {@code X-Bulwark-Truncated: true} when there were more.
 */
final class FindingExport {
  static final int MAX = 2_000;
  private static final int PAGE = FindingStore.MAX_LIMIT;

  private FindingExport() {}

  static Http.Response export(BulwarkServer s, Http.Request r) throws IOException {
    String format = r.query().getOrDefault("format", "sarif");
    if (!format.equals("sarif") && !format.equals("json")) {
      throw Http.badRequest("format: sarif or json");
    }
    Map<String, String> q = new HashMap<>(r.query());
    q.put("project", r.param("project"));
    q.put("limit", Integer.toString(PAGE));
    q.remove("cursor");
    List<Finding> findings = new ArrayList<>();
    boolean truncated = false;
    while (true) {
      FindingStore.Page page = s.findings.list(Api.query(q));
      for (FindingStore.Row row : page.items()) {
        if (findings.size() == MAX) {
          truncated = true;
          break;
        }
        // a list's rows leave the body out; each is read by its key
        String body =
            row.body() != null
                ? row.body()
                : s.findings.get(row.id()).map(FindingStore.Row::body).orElse(null);
        if (body != null) {
          findings.add(FindingJson.fromJson(BulwarkServer.JSON.readTree(body)));
        }
      }
      if (truncated || page.nextCursor() == null) {
        break;
      }
      q.put("cursor", page.nextCursor());
    }
    ScanReport report =
        ScanReport.ofSingleRun(
            r.param("project"),
            List.of(),
            Instant.now(),
            0,
            0,
            "store",
            "Bulwark team server",
            List.of(),
            findings,
            List.of());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (format.equals("sarif")) {
      new SarifReportWriter().write(report, out);
    } else {
      new JsonReportWriter().write(report, out);
    }
    Http.Response res =
        new Http.Response(
            200,
            format.equals("sarif") ? "application/sarif+json" : "application/json",
            out.toByteArray(),
            new java.util.LinkedHashMap<>());
    return truncated ? res.with("X-Bulwark-Truncated", "true") : res;
  }
}
