package dev.bulwark.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.core.model.CodeFlow;
import dev.bulwark.core.model.Confidence;
import dev.bulwark.core.model.Finding;
import dev.bulwark.core.model.Location;
import dev.bulwark.core.model.Region;
import dev.bulwark.core.model.Severity;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every console page, filled with text that is markup — a finding's title, path, message, snippet,
 * rule, data flow and fix, an incident's title, narrative, hosts, users and events, a patch plan's
 * packages — shows it as text: the templates escape by default.
 */
class ConsoleEscapingTest {
  static final String HOSTILE = "\"'><script>alert('x')</script><img src=x onerror=y>";
  static final String ESCAPED =
      "&quot;&#39;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&lt;img src=x onerror=y&gt;";

  @TempDir Path dir;
  TestServer t;

  static String h(String what) {
    return what + " " + HOSTILE;
  }

  @BeforeEach
  void start() throws Exception {
    t = new TestServer(dir);
  }

  @AfterEach
  void stop() {
    if (t != null) {
      t.close();
    }
  }

  @Test
  void everyPage_hostileText_comesOutEscaped() throws Exception {
    Finding f = finding(ConsoleEscapingTest::h);
    ok(
        t.send(
            "POST",
            "/api/projects/webshop/uploads",
            t.adminToken,
            TestServer.report(List.of(f)),
            "Idempotency-Key",
            "s1"));
    ok(
        t.send(
            "POST",
            "/api/projects/webshop/fixes",
            t.adminToken,
            TestServer.report(
                List.of(
                    ApiTest.withVerifiedFix(
                        f, "--- a\n+++ b\n@@ -1 +1 @@\n-" + HOSTILE + "\n+" + HOSTILE + "\n")))));
    ok(
        t.send(
            "POST",
            "/api/projects/webshop/uploads",
            t.adminToken,
            hunt(ConsoleEscapingTest::h).toString(),
            "Idempotency-Key",
            "h1"));
    ok(
        t.send(
            "PUT", "/api/projects/webshop/patch-plan", t.adminToken, plan(ConsoleEscapingTest::h)));

    long finding =
        t.json(t.get("/api/findings?project=webshop", t.adminToken))
            .path("items")
            .get(0)
            .path("id")
            .asLong();
    long incident =
        t.json(t.get("/api/projects/webshop/incidents", t.adminToken)).get(0).path("id").asLong();

    page(
        "/console/triage?project=webshop",
        "title " + ESCAPED,
        ESCAPED.substring(ESCAPED.indexOf("onerror")));
    page(
        "/console/findings/" + finding,
        "title " + ESCAPED,
        "message " + ESCAPED,
        "snippet " + ESCAPED,
        "source step " + ESCAPED,
        "sink step " + ESCAPED,
        "remediation " + ESCAPED,
        "-" + ESCAPED,
        "+" + ESCAPED);
    page("/console/incidents?project=webshop", "incident " + ESCAPED);
    page(
        "/console/incidents/" + incident,
        "incident " + ESCAPED,
        "narrative " + ESCAPED,
        "host " + ESCAPED,
        "user " + ESCAPED,
        "details " + ESCAPED,
        "technique " + ESCAPED,
        "detection " + ESCAPED);
    page("/console/dashboard?project=webshop", "technique " + ESCAPED);
    page("/console/plan?project=webshop", "package " + ESCAPED, "CVE " + ESCAPED);
    dev.bulwark.intel.IntelService.publish(dir, IntelReports.report(ConsoleEscapingTest::h));
    page(
        "/console/intel",
        "organisation " + ESCAPED,
        "actor " + ESCAPED,
        "evidence " + ESCAPED,
        "factor " + ESCAPED,
        "technique " + ESCAPED,
        "user of technique " + ESCAPED,
        "candidate rule " + ESCAPED,
        "data source " + ESCAPED,
        "kev product " + ESCAPED,
        "component " + ESCAPED,
        "summary sentence " + ESCAPED,
        "fact " + ESCAPED);
    dev.bulwark.threatmodel.report.PublishedCheck.publish(
        dir, ThreatModelChecks.check(ConsoleEscapingTest::h, h("fingerprint")));
    page(
        "/console/threat-model",
        "model title " + ESCAPED,
        "model file " + ESCAPED,
        "rule title " + ESCAPED,
        "element title " + ESCAPED,
        "mitigation " + ESCAPED,
        "finding rule " + ESCAPED,
        "finding location " + ESCAPED,
        "fingerprint " + ESCAPED,
        "confirmation " + ESCAPED,
        "clean scan " + ESCAPED,
        "app title " + ESCAPED,
        "boundary title " + ESCAPED,
        "protocol " + ESCAPED,
        "data title " + ESCAPED);
  }

  @Test
  void posturePage_hostileMemberAndProject_comeOutEscaped() throws Exception {
    String project = java.net.URLEncoder.encode(h("team"), java.nio.charset.StandardCharsets.UTF_8);
    ok(
        t.send(
            "POST",
            "/api/projects/" + project + "/checkups",
            t.adminToken,
            checkup(h("member"), 30, "FAIL")));
    page("/console/posture?project=" + project, "member " + ESCAPED, "team " + ESCAPED);
  }

  /** A check-up upload as {@code bulwark checkup --upload} sends it, the firewall at {@code fw}. */
  static String checkup(String member, int progress, String fw) {
    com.fasterxml.jackson.databind.node.ObjectNode o = TestServer.JSON.createObjectNode();
    o.put("member", member)
        .put("profile", "home")
        .put("time", "2026-12-01T09:00:00Z")
        .put("progress", progress);
    o.putObject("results")
        .put("firewall", fw)
        .put("disk-encryption", "PASS")
        .put("mfa-email", "UNKNOWN");
    return o.toString();
  }

  @Test
  void errorPage_hostileMessage_comesOutEscaped() throws Exception {
    String html = Console.errorPage(400, h("bad"));
    assertThat(html).contains("bad " + ESCAPED).doesNotContain("<img", "alert('x')");
  }

  /** The page shows each expected text escaped, and no markup of the hostile text survives. */
  private void page(String path, String... expected) throws Exception {
    HttpResponse<String> r = t.get(path, t.adminToken);
    assertThat(r.statusCode()).as(path).isEqualTo(200);
    String html = r.body();
    assertThat(count(html, "<script")).as(path + ": only the console's own script").isEqualTo(1);
    assertThat(html).as(path).contains("<script src=\"/assets/console.js\" defer></script>");
    assertThat(html).as(path).doesNotContain("<img", "alert('x')", "\"'>");
    for (String e : expected) {
      assertThat(html).as(path).contains(e);
    }
  }

  /**
   * A code finding with every text field made by {@code h} from the field's name: rule, title,
   * message, path, snippet, remediation and a data flow whose source lies in another file.
   */
  static Finding finding(java.util.function.UnaryOperator<String> h) {
    Location.File file =
        new Location.File(h.apply("file path"), new Region(4, 1, 4, 9), h.apply("snippet"));
    Location.File source =
        new Location.File(h.apply("flow path"), new Region(2, 1, 2, 9), h.apply("flow snippet"));
    return Finding.builder("code", h.apply("rule"))
        .title(h.apply("title"))
        .message(h.apply("message"))
        .severity(Severity.CRITICAL)
        .confidence(Confidence.HIGH)
        .location(file)
        .remediation(h.apply("remediation"))
        .codeFlow(
            new CodeFlow(
                h.apply("flow"),
                List.of(
                    new CodeFlow.Step(source, h.apply("source step"), CodeFlow.Kind.SOURCE),
                    new CodeFlow.Step(file, h.apply("sink step"), CodeFlow.Kind.SINK))))
        .build();
  }

  /** A hunt's one incident with every text field made by {@code h} from the field's name. */
  static ObjectNode hunt(java.util.function.UnaryOperator<String> h) {
    ObjectNode r = TestServer.JSON.createObjectNode();
    r.putObject("scan")
        .putArray("analyzers")
        .addObject()
        .put("id", "logs")
        .put("status", "completed");
    r.putArray("findings");
    ObjectNode inc = r.putArray("incidents").addObject();
    inc.put("id", "INC-1")
        .put("title", h.apply("incident"))
        .put("score", 50)
        .put("first", "2024-06-01T11:00:00Z")
        .put("last", "2024-06-01T11:05:00Z")
        .put("narrative", h.apply("narrative"));
    inc.putArray("hosts").add(h.apply("host"));
    inc.putArray("users").add(h.apply("user"));
    inc.putArray("tactics").add("impact");
    inc.putArray("techniques").add(h.apply("technique"));
    ArrayNode ds = inc.putArray("detections");
    ds.addObject()
        .put("time", "2024-06-01T11:00:00Z")
        .put("severity", "high")
        .put("rule", h.apply("detection"))
        .put("ruleId", h.apply("rule id"))
        .put("host", h.apply("host"))
        .put("user", h.apply("user"))
        .put("recordId", h.apply("record"))
        .put("details", h.apply("details"));
    return r;
  }

  /** A patch plan with every text field made by {@code h} from the field's name. */
  static String plan(java.util.function.UnaryOperator<String> h) {
    ObjectNode r = TestServer.JSON.createObjectNode();
    ObjectNode w = r.putArray("windows").addObject();
    w.put("start", "2026-12-01T22:00Z").put("outOfBand", false);
    ObjectNode u = w.putArray("upgrades").addObject();
    u.put("purl", "pkg:maven/org.example/" + h.apply("package") + "@1.0")
        .put("from", h.apply("from"))
        .put("to", h.apply("to"))
        .put("due", h.apply("due"))
        .put("late", true);
    u.putArray("vulnerabilities").addObject().put("id", h.apply("CVE"));
    return r.toString();
  }

  private static void ok(HttpResponse<String> r) {
    assertThat(r.statusCode()).as(r.body()).isBetween(200, 299);
  }

  private static int count(String s, String part) {
    int n = 0;
    for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }
}
