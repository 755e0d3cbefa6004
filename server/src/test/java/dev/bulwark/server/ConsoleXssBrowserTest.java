package dev.bulwark.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import dev.bulwark.core.model.Confidence;
import dev.bulwark.core.model.Finding;
import dev.bulwark.core.model.Fix;
import dev.bulwark.core.model.Location;
import dev.bulwark.core.model.Region;
import dev.bulwark.core.model.Severity;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Script in every stored text field, rendered by a real browser: findings, detections, incidents,
 * fixes, verdict notes and patch plans whose every free text carries markup that would run script
 * if a page placed it unescaped, stored through the API, then every console page opened in
 * chromium. No payload may run and each must read as text. The browser ignores the console's CSP
 * here, so that escaping alone is what stands between a payload and the page.
 */
class ConsoleXssBrowserTest {
  @TempDir Path dir;
  TestServer t;
  ConsoleBrowser chrome;

  /**
   * The payloads for one field, each setting window.__xss to the field's name when it runs: markup
   * in text, a script closed and reopened, attribute breakouts for both quotes, and a scheme that
   * runs where text becomes a link.
   */
  static String h(String field) {
    String run = "window.__xss='" + field + "'";
    return field
        + " <img src=x onerror=\""
        + run
        + "\"></script><script>"
        + run
        + "</script>\"><svg onload=\""
        + run
        + "\">'><svg onload="
        + run
        + "> javascript:"
        + run;
  }

  /**
   * The project's name is hostile too: it is shown in pickers and beside findings. The store takes
   * at most 200 characters for it, hence the short field name.
   */
  static final String PROJECT = h("prj");

  static final String P = URLEncoder.encode(PROJECT, StandardCharsets.UTF_8).replace("+", "%20");

  @Test
  void hostileTextInEveryStoredField_runsOnNoConsolePage_andReadsAsText() throws Exception {
    ConsoleBrowser.assumeChromium();
    try (TestServer server = new TestServer(dir);
        ConsoleBrowser browser = new ConsoleBrowser()) {
      t = server;
      chrome = browser;
      t.userToken("ana", "analyst");
      visitEveryPage();
    }
  }

  /** Stores the hostile data, then opens every console page in chromium and checks it. */
  private void visitEveryPage() throws Exception {
    store();
    long code = findingId("code");
    long detection = findingId("logs");
    long incident =
        t.json(t.get("/api/projects/" + P + "/incidents", t.adminToken)).get(0).path("id").asLong();

    // every page the console serves, from its routes, with what each must hold as text (text
    // nodes, some only shown on hover or focus)
    Map<String, List<String>> byRoute = new LinkedHashMap<>();
    Map<String, String> visit = new LinkedHashMap<>();
    visit.put("/console/triage", "/console/triage?project=" + P + "&limit=1");
    byRoute.put("/console/triage", List.of("prj", "title", "rule"));
    visit.put("/console/findings/{id}", "/console/findings/" + code);
    byRoute.put(
        "/console/findings/{id}",
        List.of(
            "prj",
            "title",
            "rule",
            "message",
            "file path",
            "snippet",
            "source step",
            "sink step",
            "flow path",
            "flow snippet",
            "fix description",
            "fix provenance",
            "diff removed",
            "diff added",
            "remediation",
            "verdict note",
            "alike title",
            "alike path"));
    visit.put("/console/incidents", "/console/incidents?project=" + P);
    byRoute.put("/console/incidents", List.of("prj", "incident"));
    visit.put("/console/incidents/{id}", "/console/incidents/" + incident);
    byRoute.put(
        "/console/incidents/{id}",
        List.of(
            "incident",
            "narrative",
            "host",
            "user",
            "technique",
            "score reason",
            // the rule's id stands for its title, the command line for the details
            "rule id",
            "record",
            "details",
            "command line"));
    visit.put("/console/dashboard", "/console/dashboard?project=" + P);
    byRoute.put("/console/dashboard", List.of("prj", "technique"));
    visit.put("/console/plan", "/console/plan?project=" + P);
    byRoute.put("/console/plan", List.of("prj", "package", "from", "to", "due", "CVE"));
    visit.put("/console/posture", "/console/posture?project=" + P);
    byRoute.put("/console/posture", List.of("prj", "mbr"));
    dev.bulwark.intel.IntelService.publish(dir, IntelReports.report(ConsoleXssBrowserTest::h));
    visit.put("/console/intel", "/console/intel");
    byRoute.put(
        "/console/intel",
        List.of(
            "organisation",
            "actor",
            "factor",
            "evidence",
            "technique",
            "user of technique",
            "candidate rule",
            "data source",
            "kev product",
            "component",
            "summary sentence"));
    dev.bulwark.threatmodel.report.PublishedCheck.publish(
        dir, ThreatModelChecks.check(ConsoleXssBrowserTest::h, h("fingerprint")));
    visit.put("/console/threat-model", "/console/threat-model");
    byRoute.put(
        "/console/threat-model",
        List.of(
            "model title",
            "model file",
            "rule title",
            "element title",
            "finding rule",
            "finding location",
            "fingerprint",
            "clean scan",
            "app title",
            "boundary title",
            "link title",
            "protocol",
            "data title"));
    visit.put("/console/canaries", "/console/canaries");
    byRoute.put("/console/canaries", List.of("user agent"));
    // the public call-back answers an image whatever the id, markup in it included
    visit.put("/c/{id}", "/c/" + URLEncoder.encode(h("id"), StandardCharsets.UTF_8));
    byRoute.put("/c/{id}", List.of());
    visit.put("/console/password", "/console/password");
    byRoute.put("/console/password", List.of());
    visit.put("/login", "/login");
    byRoute.put("/login", List.of());

    Set<String> pages = new TreeSet<>();
    for (Http.Route r : t.server.routes()) {
      if (r.method().equals(Http.GET)
          && !r.template().startsWith("/api/")
          && !r.template().startsWith("/assets/")
          && !r.template().equals("/")) {
        pages.add(r.template());
      }
    }
    assertThat(visit.keySet())
        .as("a console page this test does not visit with hostile data: add it here")
        .containsAll(pages);

    BrowserContext ctx =
        chrome.browser.newContext(new Browser.NewContextOptions().setBypassCSP(true));
    Page page = ctx.newPage();
    List<String> dialogs = new ArrayList<>();
    page.onDialog(d -> {
      dialogs.add(d.message());
      d.dismiss();
    });
    ConsoleBrowser.signIn(page, t.base(), "ana");
    for (var e : visit.entrySet()) {
      String url = e.getValue();
      check(page, url);
      String text = (String) page.evaluate("() => document.body.textContent");
      for (String field : byRoute.get(e.getKey())) {
        assertThat(text).as(url + ": the " + field + " reads as text").contains(h(field));
      }
    }
    // a log detection's page, the same route as a code finding's with other fields (its rule id
    // is shortened, whole only in a title attribute)
    String det = "/console/findings/" + detection;
    check(page, det);
    String detText = (String) page.evaluate("() => document.body.textContent");
    for (String field : List.of("prj", "detection title", "detection message", "log path")) {
      assertThat(detText).as(det + ": the " + field + " reads as text").contains(h(field));
    }
    // hostile text in the query string comes back in the picker and the next-page link
    check(
        page,
        "/console/triage?project="
            + P
            + "&analyzer="
            + URLEncoder.encode(h("analyzer"), StandardCharsets.UTF_8)
            + "&limit=1");
    check(
        page,
        "/console/triage?project="
            + URLEncoder.encode(h("unknown project"), StandardCharsets.UTF_8));
    // the login page after a failed sign-in with a hostile user name
    ctx.clearCookies();
    page.navigate(t.base() + "/login");
    page.locator("input[name=user]").fill(h("user name"));
    page.locator("input[name=password]").fill(h("password"));
    page.locator("button[type=submit]").click();
    page.waitForLoadState();
    ranNothing(page, "/login after a failed sign-in");
    assertThat(dialogs).as("no payload opened a dialog").isEmpty();
    ctx.close();
  }

  private void check(Page page, String url) {
    var r = page.navigate(t.base() + url);
    assertThat(r.status()).as(url).isEqualTo(200);
    ranNothing(page, url);
  }

  /**
   * No payload ran, and none of their elements or handlers made it into the page: the latter
   * catches markup that got in but whose script the browser did not get round to running.
   */
  private static void ranNothing(Page page, String url) {
    page.waitForLoadState();
    Object ran = page.evaluate("() => window.__xss === undefined ? null : String(window.__xss)");
    assertThat(ran).as(url + ": the payload in this field ran").isNull();
    @SuppressWarnings("unchecked")
    List<String> injected =
        (List<String>)
            page.evaluate(
                "() => [...document.querySelectorAll('img[src=\"x\"], svg[onload], [onerror],"
                    + " [onload], script:not([src]), a[href^=\"javascript:\" i]')]"
                    + ".map(e => e.outerHTML.slice(0, 160))");
    assertThat(injected).as(url + ": markup from stored text became elements").isEmpty();
  }

  private long findingId(String analyzer) throws Exception {
    for (var item :
        t.json(t.get("/api/findings?project=" + P + "&limit=100", t.adminToken)).path("items")) {
      if (item.path("analyzer").asText().equals(analyzer)
          && item.path("title").asText().startsWith("title ") == analyzer.equals("code")) {
        return item.path("id").asLong();
      }
    }
    throw new AssertionError("no " + analyzer + " finding stored");
  }

  /** Stores, through the API as the CLI would send them, the hostile findings, hunt and plan. */
  private void store() throws Exception {
    // a team member's check-up, named with markup (the member name holds at most 200 characters)
    ok(
        t.send(
            "POST",
            "/api/projects/" + P + "/checkups",
            t.adminToken,
            ConsoleEscapingTest.checkup(h("mbr"), 40, "FAIL")));
    Finding f = ConsoleEscapingTest.finding(ConsoleXssBrowserTest::h);
    // a second finding of the same rule, judged, so the first lists it among similar verdicts
    Finding alike =
        Finding.builder("code", h("rule"))
            .title(h("alike title"))
            .message("m")
            .severity(Severity.HIGH)
            .confidence(Confidence.HIGH)
            .location(new Location.File(h("alike path"), new Region(1, 1, 1, 2), null))
            .identity("two")
            .build();
    ok(
        t.send(
            "POST",
            "/api/projects/" + P + "/uploads",
            t.adminToken,
            TestServer.report(List.of(f, alike)),
            "Idempotency-Key",
            "s1"));
    ok(
        t.send(
            "POST",
            "/api/projects/" + P + "/fixes",
            t.adminToken,
            TestServer.report(
                List.of(
                    f.withFix(
                        new Fix(
                            h("fix description"),
                            List.of(),
                            "--- a\n+++ b\n@@ -1 +1 @@\n-"
                                + h("diff removed")
                                + "\n+"
                                + h("diff added")
                                + "\n",
                            Fix.Status.VERIFIED,
                            h("fix provenance")))))));
    ok(
        t.send(
            "POST",
            "/api/projects/" + P + "/uploads",
            t.adminToken,
            hunt(),
            "Idempotency-Key",
            "h1"));
    canaryAlerts();
    ok(
        t.send(
            "PUT",
            "/api/projects/" + P + "/patch-plan",
            t.adminToken,
            ConsoleEscapingTest.plan(ConsoleXssBrowserTest::h)));
    for (var item :
        t.json(t.get("/api/findings?project=" + P + "&limit=100", t.adminToken)).path("items")) {
      if (item.path("analyzer").asText().equals("code")) {
        ok(
            t.send(
                "POST",
                "/api/findings/" + item.path("id").asLong() + "/labels",
                t.adminToken,
                TestServer.JSON
                    .createObjectNode()
                    .put("verdict", "tp")
                    .put("note", h("verdict note"))
                    .toString()));
      }
    }
  }

  /**
   * A canary call-back whose user agent is hostile, sent as an attacker would; and, straight to the
   * store, an alert whose token id and address are markup (no request can make them so, but the
   * page must not depend on that).
   */
  private void canaryAlerts() throws Exception {
    var r =
        t.http.send(
            java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(t.base() + "/c/abcdefghijklmnopqrst"))
                .header("User-Agent", h("user agent"))
                .build(),
            HttpResponse.BodyHandlers.discarding());
    assertThat(r.statusCode()).isEqualTo(200);
    t.server.canaryAlerts.record(
        new dev.bulwark.store.CanaryAlerts.Alert(
            "<img src=x onerror=\"window.__xss='tok'\">",
            java.time.Instant.now(),
            "<svg onload=\"window.__xss='src'\">",
            null));
  }

  /**
   * A hunt as logs hunt --upload sends it: the escaping test's incident, with its score's reasons
   * and a second event that carries a command line and a source, and one detection finding.
   */
  private static String hunt() {
    ObjectNode r = ConsoleEscapingTest.hunt(ConsoleXssBrowserTest::h);
    ObjectNode inc = (ObjectNode) r.path("incidents").get(0);
    inc.putArray("score_reasons").add(h("score reason"));
    ((ArrayNode) inc.path("detections"))
        .addObject()
        .put("time", "2024-06-01T11:05:00Z")
        .put("severity", "high")
        .put("rule", h("detection"))
        .put("ruleId", h("rule id"))
        .put("host", h("host"))
        .put("user", h("user"))
        .put("recordId", h("record"))
        .put("source", h("event source"))
        .put("commandLine", h("command line"));
    ObjectNode d = ((ArrayNode) r.path("findings")).addObject();
    d.put("fingerprint", "dddddddddddddddddddddddddddddddd")
        .put("analyzer", "logs")
        .put("ruleId", h("detection rule"))
        .put("title", h("detection title"))
        .put("message", h("detection message"))
        .put("severity", "high")
        .put("confidence", "high");
    d.putArray("locations")
        .addObject()
        .put("kind", "log-event")
        .put("path", h("log path"))
        .put("recordId", h("log record"))
        .put("timestamp", "2024-06-01T11:00:00Z")
        .put("channel", h("channel"))
        .put("host", h("log host"));
    d.putArray("taxa").addObject().put("taxonomy", "ATTACK").put("id", h("detected technique"));
    d.putObject("properties")
        .put("incident", "INC-1")
        .put("tactics", h("tactic"))
        .put("user", h("log user"))
        .put("commandLine", h("log command line"));
    return r.toString();
  }

  private static void ok(HttpResponse<String> r) {
    assertThat(r.statusCode()).as(r.body()).isBetween(200, 299);
  }
}
