package dev.bulwark.server;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import dev.bulwark.core.model.Finding;
import dev.bulwark.core.model.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A defender in a real browser (Debian's chromium, driven by Playwright): signs in, triages a
 * finding with the keyboard, reloads and sees the verdict kept, opens the finding page. Screenshots
 * go to target/screenshots for a person to look at.
 */
class ConsoleBrowserTest {
  static final Path SHOTS = Path.of("target/screenshots");

  @TempDir Path dir;
  TestServer t;
  ConsoleBrowser chrome;
  Browser browser;

  @BeforeEach
  void start() throws Exception {
    ConsoleBrowser.assumeChromium();
    t = new TestServer(dir);
    t.userToken("ana", "analyst");
    List<Finding> fs =
        List.of(
            TestServer.finding(
                "login", Severity.CRITICAL, "src/main/java/shop/LoginDao.java", 42, true),
            TestServer.finding(
                "search", Severity.HIGH, "src/main/java/shop/SearchDao.java", 17, true),
            TestServer.finding(
                "report", Severity.MEDIUM, "src/main/java/shop/ReportDao.java", 88, false),
            TestServer.finding(
                "audit", Severity.LOW, "src/test/java/shop/AuditDaoTest.java", 9, false));
    t.send(
        "POST",
        "/api/projects/webshop/uploads",
        t.adminToken,
        TestServer.report(fs),
        "Idempotency-Key",
        "s1");
    chrome = new ConsoleBrowser();
    browser = chrome.browser;
    Files.createDirectories(SHOTS);
  }

  @AfterEach
  void stop() {
    if (chrome != null) {
      chrome.close();
    }
    if (t != null) {
      t.close();
    }
  }

  @Test
  void signIn_triageWithTheKeyboard_reload_andTheVerdictIsKept() {
    Page page = browser.newPage();
    page.navigate(t.base() + "/console/triage");
    assertThat(page).hasURL(t.base() + "/login");
    page.locator("input[name=user]").fill("ana");
    page.locator("input[name=password]").fill("ana-password-123");
    page.locator("button[type=submit]").click();
    System.err.println(
        "DEBUG "
            + page.url()
            + " "
            + page.content().substring(0, Math.min(2000, page.content().length())));
    System.err.println("DEBUG cookies " + page.context().cookies());
    assertThat(page).hasURL(t.base() + "/console/triage");

    Locator rows = page.locator("#queue tbody tr");
    assertThat(rows).hasCount(4);
    assertThat(rows.nth(0)).hasClass(java.util.regex.Pattern.compile("selected"));
    page.screenshot(
        new Page.ScreenshotOptions().setPath(SHOTS.resolve("triage-queue.png")).setFullPage(true));

    // second finding: move down, call it a false positive
    page.keyboard().press("j");
    assertThat(rows.nth(1)).hasClass(java.util.regex.Pattern.compile("selected"));
    page.keyboard().press("f");
    assertThat(rows.nth(1).locator(".verdict")).hasText("fp");
    // first finding: back up, true positive
    page.keyboard().press("k");
    page.keyboard().press("k");
    page.keyboard().press("t");
    assertThat(rows.nth(0).locator(".verdict")).hasText("tp");

    page.reload();
    assertThat(rows.nth(0).locator(".verdict")).hasText("tp");
    assertThat(rows.nth(1).locator(".verdict")).hasText("fp");
    assertThat(rows.nth(2).locator(".verdict")).hasText("untriaged");
    page.screenshot(
        new Page.ScreenshotOptions()
            .setPath(SHOTS.resolve("triage-after-reload.png"))
            .setFullPage(true));

    // open the first finding from the keyboard: its data flow and verdict are there
    page.keyboard().press("o");
    assertThat(page).hasURL(java.util.regex.Pattern.compile(".*/console/findings/\\d+"));
    assertThat(page.locator("h1")).containsText("SQL injection login");
    assertThat(page.locator("ol.flow li.source")).containsText("request parameter");
    assertThat(page.locator("ol.flow li.sink")).containsText("SQL query");
    assertThat(page.locator("#finding .meta .verdict")).hasText("tp");
    page.screenshot(
        new Page.ScreenshotOptions().setPath(SHOTS.resolve("finding-page.png")).setFullPage(true));

    // dark mode persists across pages
    page.locator("#theme").click();
    page.navigate(t.base() + "/console/dashboard");
    assertThat(page.locator("html"))
        .hasAttribute("data-theme", java.util.regex.Pattern.compile("dark|light"));
    page.screenshot(
        new Page.ScreenshotOptions().setPath(SHOTS.resolve("dashboard.png")).setFullPage(true));
  }

  @Test
  void posturePage_showsThePracticeToPushFirst_andEachMembersProgress() throws Exception {
    // three members; two have no firewall, one missed the disk encryption, one moved from 30 to 70
    t.send(
        "POST",
        "/api/projects/team/checkups",
        t.adminToken,
        ConsoleEscapingTest.checkup("alice-laptop", 30, "FAIL"));
    t.send(
        "POST",
        "/api/projects/team/checkups",
        t.adminToken,
        ConsoleEscapingTest.checkup("alice-laptop", 70, "PASS").replace("09:00", "11:00"));
    t.send(
        "POST",
        "/api/projects/team/checkups",
        t.adminToken,
        ConsoleEscapingTest.checkup("bob-desktop", 20, "FAIL"));
    t.send(
        "POST",
        "/api/projects/team/checkups",
        t.adminToken,
        ConsoleEscapingTest.checkup("carol", 25, "FAIL")
            .replace("\"disk-encryption\":\"PASS\"", "\"disk-encryption\":\"FAIL\""));
    Page page = signIn();
    page.navigate(t.base() + "/console/triage");
    page.locator("header nav a", new Page.LocatorOptions().setHasText("Posture")).click();
    assertThat(page).hasURL(java.util.regex.Pattern.compile(".*/console/posture"));
    page.locator("#project").selectOption("team");
    page.locator("form.picker button").click();
    // the firewall: 2 of 3 members miss it, and it removes the most risk per minute of the two
    assertThat(page.locator("#push-first h2")).containsText("Firewall");
    assertThat(page.locator("#push-first")).containsText("2 of 3 members");
    // a team mixes platforms: the steps for each are shown
    assertThat(page.locator("#push-first")).containsText("Linux: sudo apt install ufw");
    assertThat(page.locator("#push-first")).containsText("Windows: Windows Security");
    Locator rows = page.locator("table.posture tbody tr");
    assertThat(rows).hasCount(3);
    assertThat(rows.nth(0)).hasAttribute("data-check", "firewall");
    assertThat(rows.nth(0).locator("td").nth(1)).hasText("2");
    assertThat(rows.nth(0).locator("progress"))
        .hasAttribute("aria-label", java.util.regex.Pattern.compile(".*: 33% in place"));
    Locator members = page.locator("table.members tbody tr");
    assertThat(members).hasCount(3);
    assertThat(members.nth(0)).containsText("alice-laptop");
    assertThat(members.nth(0)).containsText("+40 points");
    page.screenshot(
        new Page.ScreenshotOptions().setPath(SHOTS.resolve("team-posture.png")).setFullPage(true));
  }

  private Page signIn() {
    return ConsoleBrowser.signIn(browser.newPage(), t.base(), "ana");
  }

  @Test
  void findingPage_showsTheUploadedVerifiedFixAsADiff_escaped() throws Exception {
    Finding login =
        TestServer.finding(
            "login", Severity.CRITICAL, "src/main/java/shop/LoginDao.java", 42, true);
    // the diff of a patch is text from the analysed repository: markup in it must stay text
    String diff =
        String.join(
            "\n",
            "--- a/src/main/java/shop/LoginDao.java",
            "+++ b/src/main/java/shop/LoginDao.java",
            "@@ -40,3 +40,4 @@",
            "     // </pre><img src=x id=injected onerror=alert(1)><script>alert(2)</script>",
            "-    stmt.executeQuery(\"SELECT * FROM t WHERE id=\" + id);",
            "+    PreparedStatement ps = c.prepareStatement(\"SELECT * FROM t WHERE id = ?\");",
            "+    ps.setString(1, id);",
            "");
    var up =
        t.send(
            "POST",
            "/api/projects/webshop/fixes",
            t.adminToken,
            TestServer.report(List.of(ApiTest.withVerifiedFix(login, diff))));
    org.assertj.core.api.Assertions.assertThat(up.statusCode()).as(up.body()).isEqualTo(201);
    Page page = signIn();
    List<String> dialogs = new java.util.ArrayList<>();
    page.onDialog(d -> {
      dialogs.add(d.message());
      d.dismiss();
    });
    page.locator("#queue tbody tr a", new Page.LocatorOptions().setHasText("SQL injection login"))
        .click();
    assertThat(page).hasURL(java.util.regex.Pattern.compile(".*/console/findings/\\d+"));
    Locator fix = page.locator("#fix");
    assertThat(fix.locator("h2")).hasText("Fix (verified)");
    assertThat(fix).containsText("bind the request parameter with a PreparedStatement");
    assertThat(fix).containsText("uploaded by admin");
    assertThat(fix.locator("pre.diff .del"))
        .containsText("executeQuery(\"SELECT * FROM t WHERE id=\" + id)");
    assertThat(fix.locator("pre.diff .add").first()).containsText("prepareStatement");
    assertThat(fix.locator("pre.diff .ctx").first())
        .containsText("</pre><img src=x id=injected onerror=alert(1)><script>alert(2)</script>");
    assertThat(page.locator("#injected")).hasCount(0);
    // one severity palette: critical has the HTML report's colour here too
    assertThat(page.locator("h1 .sev.critical"))
        .hasCSS(
            "color",
            rgb(
                dev.bulwark.core.report.SeverityPalette.color(
                    dev.bulwark.core.model.Severity.CRITICAL, false)));
    assertThat(fix.locator("script")).hasCount(0);
    page.screenshot(
        new Page.ScreenshotOptions().setPath(SHOTS.resolve("finding-fix.png")).setFullPage(true));
    org.assertj.core.api.Assertions.assertThat(dialogs).as("no script ran").isEmpty();
  }

  @Test
  void incidentPage_showsTheHuntsScoreNarrativeAndEvents() throws Exception {
    // as logs hunt --upload sends it: the hunt's incidents beside its detections
    var up =
        t.send(
            "POST",
            "/api/projects/webshop/uploads",
            t.adminToken,
            """
            {"scan":{"analyzers":[{"id":"logs","status":"completed"}]},"findings":[],
             "incidents":[{"id":"INC-1","title":"Shadow copies deleted on WS07","score":79,
              "first":"2024-06-01T11:00:00.123456789Z","last":"2024-06-01T11:05:00Z",
              "hosts":["WS07"],"users":["CORP\\\\mallory"],"tactics":["impact"],
              "techniques":["T1490"],"score_reasons":["high detection","impact tactic"],
              "narrative":"On WS07, CORP\\\\mallory deleted the shadow copies <b>x</b>.",
              "detections":[{"time":"2024-06-01T11:00:00Z","severity":"high",
               "rule":"Shadow Copies Deleted","host":"WS07","user":"CORP\\\\mallory",
               "recordId":"7","source":"sysmon.jsonl","tactics":["impact"],
               "techniques":["T1490"],"details":"vssadmin delete shadows /all /quiet"}]}]}
            """,
            "Idempotency-Key",
            "hunt-inc");
    org.assertj.core.api.Assertions.assertThat(up.statusCode()).as(up.body()).isEqualTo(201);
    Page page = signIn();
    page.navigate(t.base() + "/console/incidents?project=webshop");
    assertThat(page.locator("table.incidents tbody tr").first()).containsText("79");
    assertThat(page.locator("table.incidents tbody tr").first())
        .containsText("2024-06-01 11:00:00 UTC");
    page.locator("table.incidents a").first().click();
    assertThat(page.locator(".meta")).containsText("score 79");
    assertThat(page.locator(".narrative"))
        .hasText("On WS07, CORP\\mallory deleted the shadow copies <b>x</b>.");
    assertThat(page.locator(".facts dd.hosts")).hasText("WS07");
    // the terminal's tactic names, not the ids the report carries
    assertThat(page.locator(".facts dd.tactics")).hasText("Impact");
    assertThat(page.locator("ol.timeline li code.details"))
        .hasText("vssadmin delete shadows /all /quiet");
    page.screenshot(
        new Page.ScreenshotOptions()
            .setPath(SHOTS.resolve("incident-narrative.png"))
            .setFullPage(true));
  }

  @Test
  void canaryCallBack_showsOnTheCanaryPage() throws Exception {
    // the decoy's URL fetched as a document viewer would, with no credentials
    var hit =
        t.http.send(
            java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(t.base() + "/c/mzxw6ytboi2dqmbrgq3t"))
                .header("User-Agent", "Microsoft Office Word 2014 <b>x</b>")
                .build(),
            java.net.http.HttpResponse.BodyHandlers.ofByteArray());
    org.assertj.core.api.Assertions.assertThat(hit.statusCode()).isEqualTo(200);
    Page page = signIn();
    page.locator("header nav a", new Page.LocatorOptions().setHasText("Canaries")).click();
    assertThat(page).hasURL(t.base() + "/console/canaries");
    assertThat(page.locator("h1")).hasText("Canary alerts");
    Locator row = page.locator("table.canaries tbody tr");
    assertThat(row).hasCount(1);
    assertThat(row.locator("td code")).hasText("mzxw6ytboi2dqmbrgq3t");
    // not in the team's registry: nothing to say where it was planted
    assertThat(row.locator("td").nth(2)).hasText("");
    assertThat(row.locator("td").nth(3)).hasText("http");
    assertThat(row.locator("td").nth(4)).hasText("127.0.0.1");
    assertThat(row.locator("td").nth(5)).hasText("Microsoft Office Word 2014 <b>x</b>");
    assertThat(row.locator("td").first()).containsText("UTC");
    page.screenshot(
        new Page.ScreenshotOptions().setPath(SHOTS.resolve("canary-alerts.png")).setFullPage(true));
    java.awt.image.BufferedImage img =
        javax.imageio.ImageIO.read(SHOTS.resolve("canary-alerts.png").toFile());
    org.assertj.core.api.Assertions.assertThat(img).isNotNull();
  }

  private static String rgb(String hex) {
    int v = Integer.parseInt(hex.substring(1), 16);
    return "rgb(" + (v >> 16) + ", " + ((v >> 8) & 255) + ", " + (v & 255) + ")";
  }

  @Test
  void intelPage_topActors_coverageMatrixWithGaps_andKevInStack() throws Exception {
    Page page = signIn();
    page.navigate(t.base() + "/console/intel");
    org.assertj.core.api.Assertions.assertThat(page.locator("main").textContent())
        .contains("No report published yet");

    dev.bulwark.intel.IntelService.publish(dir, IntelReports.report(s -> s));
    page.navigate(t.base() + "/console/intel");
    org.assertj.core.api.Assertions.assertThat(page.locator("nav a[href='/console/intel']").count())
        .isEqualTo(1);
    org.assertj.core.api.Assertions.assertThat(page.locator("table.intel-actors tbody tr").count())
        .isEqualTo(2);
    org.assertj.core.api.Assertions.assertThat(
            page.locator("table.intel-actors tbody tr").first().textContent())
        .contains("actor", "G0096", "12.00", "evidence");
    org.assertj.core.api.Assertions.assertThat(page.locator("p.coverage").textContent())
        .isEqualTo("3 techniques: 1 detected, 1 partly, 1 gaps; weighted coverage 57.1 %.");
    // one cell per technique and tactic, coloured by status, gaps first in their column
    org.assertj.core.api.Assertions.assertThat(page.locator(".attack [data-status=gap]").count())
        .isEqualTo(1);
    org.assertj.core.api.Assertions.assertThat(
            page.locator(".attack [data-status=partial]").count())
        .isEqualTo(1);
    org.assertj.core.api.Assertions.assertThat(
            page.locator(".attack [data-status=detected]").count())
        .isEqualTo(1);
    org.assertj.core.api.Assertions.assertThat(
            page.locator(".attack [data-status=gap]").getAttribute("title"))
        .isEqualTo("technique — gap, used by user of technique");
    String gapColour =
        (String)
            page.evaluate(
                "() => getComputedStyle(document.querySelector('.intel-gap')).backgroundColor");
    String detectedColour =
        (String)
            page.evaluate(
                "() => getComputedStyle(document.querySelector('.intel-detected'))"
                    + ".backgroundColor");
    org.assertj.core.api.Assertions.assertThat(gapColour).isNotEqualTo(detectedColour);
    org.assertj.core.api.Assertions.assertThat(
            page.locator("table.intel-gaps tbody tr").textContent())
        .contains("T1190", "candidate rule", "data source");
    org.assertj.core.api.Assertions.assertThat(
            page.locator("table.intel-kev tr.overdue").textContent())
        .contains("CVE-2021-44228", "2021-12-24 (overdue)", "component", "APT41");
    org.assertj.core.api.Assertions.assertThat(page.locator("ul.summary li").textContent())
        .isEqualTo("summary sentence");
    page.screenshot(
        new Page.ScreenshotOptions().setPath(SHOTS.resolve("intel.png")).setFullPage(true));
  }

  @Test
  void threatModelPage_diagramMatrixAndRisks_andEvidenceLinksToTheFinding() throws Exception {
    Page page = signIn();
    page.navigate(t.base() + "/console/threat-model");
    org.assertj.core.api.Assertions.assertThat(page.locator("main").textContent())
        .contains("No check published yet");

    // the check cites, as a risk's evidence, a finding this server holds
    String fingerprint =
        TestServer.finding("login", Severity.CRITICAL, "src/main/java/shop/LoginDao.java", 42, true)
            .fingerprint();
    dev.bulwark.threatmodel.report.PublishedCheck.publish(
        dir, ThreatModelChecks.check(x -> x, fingerprint));
    page.navigate(t.base() + "/console/threat-model");
    org.assertj.core.api.Assertions.assertThat(
            page.locator("nav a[href='/console/threat-model']").count())
        .isEqualTo(1);
    org.assertj.core.api.Assertions.assertThat(page.locator("p.tm-summary").textContent())
        .isEqualTo("3 risks, 1 open (1 critical); 2 with evidence from the scan.");
    // the diagram, drawn in the page: three assets, two links, one boundary
    org.assertj.core.api.Assertions.assertThat(page.locator(".tm-diagram svg g.node").count())
        .isEqualTo(3);
    org.assertj.core.api.Assertions.assertThat(page.locator(".tm-diagram svg g.edge").count())
        .isEqualTo(2);
    org.assertj.core.api.Assertions.assertThat(
            page.locator(".tm-diagram svg g.cluster text").textContent())
        .isEqualTo("boundary title");
    double width =
        ((Number) page.evaluate("() => document.querySelector('.tm-diagram svg').getBBox().width"))
            .doubleValue();
    org.assertj.core.api.Assertions.assertThat(width)
        .as("the drawing is laid out")
        .isGreaterThan(100);
    // the grid: likeliest row first, the critical risk top right, the others where rated
    Locator rows = page.locator("table.risk-matrix tbody tr");
    org.assertj.core.api.Assertions.assertThat(rows.count()).isEqualTo(4);
    org.assertj.core.api.Assertions.assertThat(rows.nth(0).locator("th").textContent())
        .isEqualTo("frequent");
    org.assertj.core.api.Assertions.assertThat(rows.nth(0).locator("td").nth(3).textContent())
        .isEqualTo("1/1");
    org.assertj.core.api.Assertions.assertThat(rows.nth(2).locator("td").nth(1).textContent())
        .as("likely × medium: the mitigated risk")
        .isEqualTo("0/1");
    org.assertj.core.api.Assertions.assertThat(
            page.evaluate(
                "() => getComputedStyle(document.querySelector('td.tm-critical')).backgroundColor"))
        .isNotEqualTo(
            page.evaluate(
                "() => getComputedStyle(document.querySelector('td.tm-low')).backgroundColor"));
    // data × technical assets: who does what with the orders, and the risks there
    Locator data = page.locator("table.data-asset-matrix tbody tr");
    org.assertj.core.api.Assertions.assertThat(data.count()).isEqualTo(1);
    org.assertj.core.api.Assertions.assertThat(data.locator("th").textContent())
        .isEqualTo("data title confidential");
    org.assertj.core.api.Assertions.assertThat(data.locator("td").allTextContents())
        .containsExactly("", "T", "PTR 1/2", "PSR 1/2");
    org.assertj.core.api.Assertions.assertThat(data.locator("td").nth(2).getAttribute("class"))
        .isEqualTo("tm-critical");
    // the risks, worst first, with their evidence
    Locator risks = page.locator("table.tm-risks tbody tr");
    org.assertj.core.api.Assertions.assertThat(risks.count()).isEqualTo(3);
    org.assertj.core.api.Assertions.assertThat(risks.first().textContent())
        .contains("critical", "rule title", "element title", "frequent · very-high", "in-progress");
    org.assertj.core.api.Assertions.assertThat(page.locator("table.tm-risks tr.closed").count())
        .isEqualTo(2);
    org.assertj.core.api.Assertions.assertThat(page.locator("li.mitigates").textContent())
        .isEqualTo("mitigated: clean scan");
    page.screenshot(
        new Page.ScreenshotOptions().setPath(SHOTS.resolve("threat-model.png")).setFullPage(true));
    Locator cited = page.locator("li.confirms a");
    org.assertj.core.api.Assertions.assertThat(cited.textContent()).isEqualTo("finding rule");
    cited.click();
    page.waitForLoadState();
    assertThat(page).hasURL(java.util.regex.Pattern.compile(".*/console/findings/[0-9]+$"));
    assertThat(page.locator("h1")).containsText("SQL injection login");
  }

  /** Threagile's example model at full size: 95 risks, twelve data assets by fourteen assets. */
  @Test
  void threatModelPage_threagileExample() throws Exception {
    var data = dev.bulwark.core.testing.SharedData.dir("threatmodel");
    org.junit.jupiter.api.Assumptions.assumeTrue(
        data.isPresent(), dev.bulwark.core.testing.SharedData.skipMessage("threatmodel"));
    Path file = data.get().resolve("threagile/example-threagile.yaml");
    var model = dev.bulwark.threatmodel.format.Models.read(file);
    var risks =
        dev.bulwark.threatmodel.rules.RuleEngine.builtIn()
            .assess(model, dev.bulwark.threatmodel.rules.RuleLoader.builtIn());
    dev.bulwark.threatmodel.report.PublishedCheck.publish(
        dir,
        dev.bulwark.threatmodel.report.PublishedCheck.of(
            file, model, risks, 0, java.time.Instant.parse("2026-12-06T21:00:00Z")));
    Page page = signIn();
    page.navigate(t.base() + "/console/threat-model");
    org.assertj.core.api.Assertions.assertThat(page.locator("table.tm-risks tbody tr").count())
        .isEqualTo(risks.size());
    org.assertj.core.api.Assertions.assertThat(page.locator(".tm-diagram svg g.node").count())
        .isEqualTo(model.technicalAssets().size());
    org.assertj.core.api.Assertions.assertThat(
            page.locator("table.data-asset-matrix tbody tr").count())
        .isEqualTo(model.dataAssets().size());
    org.assertj.core.api.Assertions.assertThat(
            page.locator("table.data-asset-matrix thead th").count())
        .isEqualTo(model.technicalAssets().size() + 2);
    page.screenshot(
        new Page.ScreenshotOptions()
            .setPath(SHOTS.resolve("threat-model-threagile-example.png"))
            .setFullPage(true));
  }

  @Test
  void patchPlanCalendar_incidentTimeline_andDashboard() throws Exception {
    String plan =
        new String(
            ConsoleBrowserTest.class.getResourceAsStream("/patch-plan.json").readAllBytes(),
            java.nio.charset.StandardCharsets.UTF_8);
    t.send("PUT", "/api/projects/webshop/patch-plan", t.adminToken, plan);
    t.send(
        "POST",
        "/api/projects/webshop/uploads",
        t.adminToken,
        """
        {"scan":{"analyzers":[{"id":"logs","status":"completed"}]},"findings":[
         {"fingerprint":"cccccccccccccccccccccccccccccccc","analyzer":"logs","ruleId":"sigma-9",
          "title":"Process Opened LSASS Memory for Reading","message":"m","severity":"high",
          "confidence":"high","locations":[{"kind":"log-event","path":"Sysmon.evtx","recordId":"2",
          "timestamp":"2019-03-17T19:09:41Z","channel":"Sysmon","host":"PC04"}],
          "taxa":[{"taxonomy":"ATTACK","id":"T1003.001"}],
          "properties":{"incident":"INC-7","tactics":"credential-access"}}]}
        """,
        "Idempotency-Key",
        "hunt");
    Page page = signIn();

    page.navigate(t.base() + "/console/plan?project=webshop");
    assertThat(page.locator(".calendar .item").first()).containsText("log4j-core 2.14.1 → 2.17.0");
    assertThat(page.locator("table.plan")).containsText("CVE-2021-44228");
    page.screenshot(
        new Page.ScreenshotOptions().setPath(SHOTS.resolve("patch-plan.png")).setFullPage(true));

    page.navigate(t.base() + "/console/incidents?project=webshop");
    page.locator("table.incidents a").first().click();
    assertThat(page.locator("ol.timeline li")).containsText("event 2");
    page.screenshot(
        new Page.ScreenshotOptions().setPath(SHOTS.resolve("incident.png")).setFullPage(true));

    page.navigate(t.base() + "/console/dashboard?project=webshop");
    Locator lsass =
        page.locator(
            // the detection's own tactic: rules may file the same technique under others too
            ".attack .tactic[data-tactic=credential-access] .tech",
            new Page.LocatorOptions().setHasText("T1003.001"));
    assertThat(lsass.first()).hasClass(java.util.regex.Pattern.compile("covered"));
    assertThat(lsass.first()).hasClass(java.util.regex.Pattern.compile("heat1"));
    assertThat(page.locator("svg.bars").nth(1)).containsText("logs");
    page.screenshot(
        new Page.ScreenshotOptions().setPath(SHOTS.resolve("dashboard.png")).setFullPage(true));
  }

  /** A hunt as logs hunt --upload sends it: one incident across three hosts, five detections. */
  static final String HUNT =
      """
      {"scan":{"analyzers":[{"id":"logs","status":"completed"}]},"findings":[],
       "incidents":[{"id":"INC-9","title":"Credential theft and shadow copies deleted","score":82,
        "first":"2024-06-01T10:58:00Z","last":"2024-06-01T11:40:30Z",
        "hosts":["WS07","DC01","FS02"],"users":["CORP\\\\mallory"],
        "tactics":["discovery","credential-access","impact"],"techniques":["T1033","T1003.001","T1490"],
        "score_reasons":["critical detection"],"narrative":"mallory moved from WS07 to DC01.",
        "detections":[
         {"time":"2024-06-01T11:40:30Z","severity":"high","rule":"Shadow Copies Deleted",
          "ruleId":"sigma-c947b146-0abc-4c87-9c64-b17e9d7274a2","host":"FS02",
          "user":"CORP\\\\mallory","recordId":"41","source":"fs02.jsonl",
          "commandLine":"vssadmin.exe Delete Shadows /All /Quiet <b>x</b>"},
         {"time":"2024-06-01T10:58:00Z","severity":"low","rule":"Account Discovery With whoami",
          "ruleId":"sigma-502b42de-4306-40b4-9596-6f590c81f073","host":"WS07",
          "user":"CORP\\\\mallory","recordId":"7","source":"ws07.jsonl","commandLine":"whoami /priv"},
         {"time":"2024-06-01T11:05:00Z","severity":"critical","rule":"Process Opened LSASS Memory",
          "ruleId":"sigma-32d0d3e2-e58d-4d41-926b-18b520b2b32d","host":"WS07",
          "user":"CORP\\\\mallory","recordId":"9","source":"ws07.jsonl",
          "commandLine":"rundll32.exe comsvcs.dll, MiniDump 624 C:\\\\t\\\\l.dmp full"},
         {"time":"2024-06-01T11:20:00Z","severity":"medium","rule":"Remote Service Created",
          "ruleId":"sigma-1d61f71d-59d2-479e-9562-4ff5f4ead16b","host":"DC01",
          "user":"CORP\\\\mallory","recordId":"120","source":"dc01.jsonl",
          "commandLine":"sc.exe \\\\\\\\FS02 create upd binPath= c:\\\\u.exe"},
         {"time":"2024-06-01T11:31:00Z","severity":"high","rule":"PsExec Service Start",
          "ruleId":"sigma-42c575ea-e41e-41f1-b248-8093c3e82a28","host":"DC01",
          "user":"CORP\\\\mallory","recordId":"131","source":"dc01.jsonl"}]}]}
      """;

  @Test
  void incidentTimeline_oneLanePerHost_eventsInTimeOrder_hoverKeyboardAndZoom() throws Exception {
    var up =
        t.send(
            "POST", "/api/projects/webshop/uploads", t.adminToken, HUNT, "Idempotency-Key", "tl");
    org.assertj.core.api.Assertions.assertThat(up.statusCode()).as(up.body()).isEqualTo(201);
    Page page = signIn();
    page.setViewportSize(1280, 900);
    page.navigate(t.base() + "/console/incidents?project=webshop");
    page.locator("table.incidents a").first().click();
    Locator chart = page.locator("figure.tl");
    assertThat(chart.locator("figcaption")).containsText("5 detections on 3 hosts");

    // one lane per host, in the order the hosts first appear
    assertThat(chart.locator("rect.tl-lane")).hasCount(3);
    org.assertj.core.api.Assertions.assertThat(
            chart.locator(".tl-names .tl-host text").allTextContents())
        .containsExactly("WS07", "DC01", "FS02");
    Map<String, com.microsoft.playwright.options.BoundingBox> lanes = new java.util.HashMap<>();
    for (Locator lane : chart.locator("rect.tl-lane").all()) {
      lanes.put(lane.getAttribute("data-host"), lane.boundingBox());
    }

    // every mark in its host's lane, and left to right in the order of the events' times
    Locator marks = chart.locator("g.tl-ev");
    assertThat(marks).hasCount(5);
    List<double[]> placed = new java.util.ArrayList<>(); // epoch second, x centre
    for (Locator m : marks.all()) {
      var dot = m.locator("circle").boundingBox();
      double cx = dot.x + dot.width / 2;
      double cy = dot.y + dot.height / 2;
      var lane = lanes.get(m.getAttribute("data-host"));
      org.assertj.core.api.Assertions.assertThat(cy)
          .as("mark of %s inside its lane", m.getAttribute("data-host"))
          .isBetween(lane.y, lane.y + lane.height);
      placed.add(
          new double[] {java.time.Instant.parse(m.getAttribute("data-time")).getEpochSecond(), cx});
    }
    placed.sort(java.util.Comparator.comparingDouble(a -> a[0]));
    for (int i = 1; i < placed.size(); i++) {
      org.assertj.core.api.Assertions.assertThat(placed.get(i)[1])
          .as("event %d is right of event %d", i, i - 1)
          .isGreaterThan(placed.get(i - 1)[1]);
    }
    // a real time axis: gaps on screen in proportion to gaps in time (7 min vs 20 min 30 s)
    double perSecond =
        (placed.get(4)[1] - placed.get(0)[1]) / (placed.get(4)[0] - placed.get(0)[0]);
    double gap = placed.get(2)[1] - placed.get(1)[1];
    org.assertj.core.api.Assertions.assertThat(gap)
        .isCloseTo((placed.get(2)[0] - placed.get(1)[0]) * perSecond, within(2.0));
    // severity colours from the one palette
    assertThat(chart.locator("g.tl-ev.tl-critical circle"))
        .hasCSS(
            "fill", rgb(dev.bulwark.core.report.SeverityPalette.color(Severity.CRITICAL, false)));

    // hover: the rule title (its id kept), time, host, user and command line, markup as text
    Locator last = chart.locator("g.tl-ev[data-time='2024-06-01T11:40:30Z']");
    assertThat(last.locator(".tl-tip")).isHidden();
    last.locator("circle").hover();
    Locator tip = last.locator(".tl-tip");
    assertThat(tip).isVisible();
    assertThat(tip).containsText("Shadow Copies Deleted");
    assertThat(tip).containsText("sigma-c947b146-0abc-4c87-9c64-b17e9d7274a2");
    assertThat(tip).containsText("2024-06-01 11:40:30 UTC");
    assertThat(tip).containsText("host FS02 · user CORP\\mallory");
    assertThat(tip).containsText("vssadmin.exe Delete Shadows /All /Quiet <b>x</b>");
    page.screenshot(
        new Page.ScreenshotOptions()
            .setPath(SHOTS.resolve("incident-timeline-hover.png"))
            .setFullPage(true));
    page.mouse().move(0, 0);

    // keyboard: Tab walks the marks in time order and shows each one's details
    chart.locator("g.tl-ev[data-time='2024-06-01T10:58:00Z']").focus();
    assertThat(page.locator("g.tl-ev:focus .tl-tip")).containsText("Account Discovery With whoami");
    page.keyboard().press("Tab");
    assertThat(page.locator("g.tl-ev:focus")).hasAttribute("data-time", "2024-06-01T11:05:00Z");
    assertThat(page.locator("g.tl-ev:focus .tl-tip")).isVisible();
    assertThat(page.locator("g.tl-ev:focus .tl-tip")).containsText("MiniDump 624");
    page.keyboard().press("Tab");
    assertThat(page.locator("g.tl-ev:focus")).hasAttribute("data-time", "2024-06-01T11:20:00Z");
    page.screenshot(
        new Page.ScreenshotOptions()
            .setPath(SHOTS.resolve("incident-timeline-focus.png"))
            .setFullPage(true));

    // zoom: 4× spreads the same marks over four times the width
    double before = chart.locator("svg.tl-plot").boundingBox().width;
    chart.locator("label", new Locator.LocatorOptions().setHasText("4×")).click();
    double after = chart.locator("svg.tl-plot").boundingBox().width;
    org.assertj.core.api.Assertions.assertThat(after).isCloseTo(4 * before, within(4.0));

    // the event list keeps the rule titles, the Sigma ids only on hover and as short text
    Locator first = page.locator("ol.timeline li").first();
    assertThat(first.locator(".rule")).hasText("Account Discovery With whoami");
    assertThat(first.locator(".rule"))
        .hasAttribute("title", "sigma-502b42de-4306-40b4-9596-6f590c81f073");
    assertThat(first.locator(".rule-id")).hasText("sigma 502b42de…");
  }

  private static org.assertj.core.data.Offset<Double> within(double d) {
    return org.assertj.core.data.Offset.offset(d);
  }

  /**
   * Every page of the console, each with the content that makes it that page in view, and a
   * screenshot of it in target/screenshots (checked to be an image with something drawn on it).
   */
  @Test
  void everyConsolePage_rendersItsKeyContent_andIsScreenshotted() throws Exception {
    Finding login =
        TestServer.finding(
            "login", Severity.CRITICAL, "src/main/java/shop/LoginDao.java", 42, true);
    String diff =
        String.join(
            "\n",
            "--- a/src/main/java/shop/LoginDao.java",
            "+++ b/src/main/java/shop/LoginDao.java",
            "@@ -42,1 +42,2 @@",
            "-    stmt.executeQuery(\"SELECT * FROM t WHERE id=\" + id);",
            "+    PreparedStatement ps = c.prepareStatement(\"SELECT * FROM t WHERE id = ?\");",
            "+    ps.setString(1, id);",
            "");
    org.assertj.core.api.Assertions.assertThat(
            t.send(
                    "POST",
                    "/api/projects/webshop/fixes",
                    t.adminToken,
                    TestServer.report(List.of(ApiTest.withVerifiedFix(login, diff))))
                .statusCode())
        .isEqualTo(201);
    t.send(
        "PUT",
        "/api/projects/webshop/patch-plan",
        t.adminToken,
        new String(
            ConsoleBrowserTest.class.getResourceAsStream("/patch-plan.json").readAllBytes(),
            java.nio.charset.StandardCharsets.UTF_8));
    t.send("POST", "/api/projects/webshop/uploads", t.adminToken, HUNT, "Idempotency-Key", "h");
    t.send(
        "POST",
        "/api/projects/webshop/uploads",
        t.adminToken,
        """
        {"scan":{"analyzers":[{"id":"logs","status":"completed"}]},"findings":[
         {"fingerprint":"dddddddddddddddddddddddddddddddd","analyzer":"logs",
          "ruleId":"sigma-c947b146-0abc-4c87-9c64-b17e9d7274a2","title":"Shadow Copies Deleted",
          "message":"Shadow Copies Deleted on FS02","severity":"high","confidence":"high",
          "locations":[{"kind":"log-event","path":"fs02/Sysmon.evtx","recordId":"41",
          "timestamp":"2024-06-01T11:40:30Z","channel":"Sysmon","host":"FS02"}],
          "properties":{"incident":"INC-3","user":"CORP\\\\mallory",
          "commandLine":"vssadmin.exe Delete Shadows /All /Quiet"}}]}
        """,
        "Idempotency-Key",
        "det");
    List<String> shots = new java.util.ArrayList<>();

    Page page = browser.newPage();
    page.setViewportSize(1280, 900);
    page.navigate(t.base() + "/login");
    assertThat(page.locator("form.login h1")).hasText("Sign in");
    assertThat(page.locator("input[name=user]")).isVisible();
    shots.add(shot(page, "01-login.png"));
    page.locator("input[name=user]").fill("ana");
    page.locator("input[name=password]").fill("ana-password-123");
    page.locator("button[type=submit]").click();

    assertThat(page).hasURL(t.base() + "/console/triage");
    assertThat(page.locator("h1")).hasText("Triage queue");
    assertThat(page.locator("#queue tbody tr").first()).isVisible();
    assertThat(page.locator("#queue tbody tr")).hasCount(5);
    shots.add(shot(page, "02-triage-queue.png"));

    // the findings list filtered to the log hunt's detections: rule titles, Sigma ids short
    page.navigate(t.base() + "/console/triage?project=webshop&analyzer=logs");
    Locator detection = page.locator("#queue tbody tr").first();
    assertThat(detection.locator("td a")).hasText("Shadow Copies Deleted");
    assertThat(detection.locator("td.rule .rule-id")).hasText("sigma c947b146…");
    assertThat(detection.locator("td.rule .rule-id"))
        .hasAttribute("title", "sigma-c947b146-0abc-4c87-9c64-b17e9d7274a2");
    assertThat(detection.locator("td.loc")).hasText("fs02/Sysmon.evtx");
    shots.add(shot(page, "03-findings-list-logs.png"));

    page.navigate(t.base() + "/console/triage?project=webshop");
    page.locator("#queue tbody tr a", new Page.LocatorOptions().setHasText("SQL injection login"))
        .click();
    assertThat(page.locator("#fix h2")).hasText("Fix (verified)");
    assertThat(page.locator("#fix pre.diff .add").first()).isVisible();
    assertThat(page.locator("h2", new Page.LocatorOptions().setHasText("Where"))).isVisible();
    assertThat(page.locator("p.loc").first()).hasText("src/main/java/shop/LoginDao.java:42");
    shots.add(shot(page, "04-finding-with-fix.png"));

    page.navigate(t.base() + "/console/triage?project=webshop&analyzer=logs");
    page.locator("#queue tbody tr a").first().click();
    assertThat(page.locator("#finding .meta .rule-id")).hasText("sigma c947b146…");
    assertThat(page.locator("p.loc").first()).hasText("fs02/Sysmon.evtx");
    shots.add(shot(page, "05-finding-detection.png"));

    page.navigate(t.base() + "/console/plan?project=webshop");
    assertThat(page.locator(".calendar .item").first()).isVisible();
    assertThat(page.locator("table.plan")).containsText("CVE-2021-44228");
    shots.add(shot(page, "06-patch-plan.png"));

    page.navigate(t.base() + "/console/incidents?project=webshop");
    Locator incidentRow =
        page.locator(
            "table.incidents tbody tr",
            new Page.LocatorOptions().setHasText("Credential theft and shadow copies deleted"));
    assertThat(incidentRow).isVisible();
    assertThat(incidentRow).containsText("82");
    shots.add(shot(page, "07-incidents.png"));

    incidentRow.locator("a").click();
    assertThat(page.locator("figure.tl")).isVisible();
    assertThat(page.locator("figure.tl rect.tl-lane")).hasCount(3);
    assertThat(page.locator(".narrative")).hasText("mallory moved from WS07 to DC01.");
    page.locator("figure.tl g.tl-ev").nth(1).focus();
    assertThat(page.locator("figure.tl g.tl-ev:focus .tl-tip")).isVisible();
    shots.add(shot(page, "08-incident-timeline.png"));

    page.navigate(t.base() + "/console/dashboard?project=webshop");
    assertThat(page.locator("svg.bars").first()).isVisible();
    assertThat(page.locator(".attack")).isVisible();
    shots.add(shot(page, "09-dashboard.png"));

    page.navigate(t.base() + "/console/password");
    assertThat(page.locator("form.login h1")).hasText("Set a password");
    assertThat(page.locator("input[name=current]")).isVisible();
    shots.add(shot(page, "10-password.png"));

    for (String name : shots) {
      Path file = SHOTS.resolve(name);
      java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(file.toFile());
      org.assertj.core.api.Assertions.assertThat(img).as(name + " is a PNG").isNotNull();
      java.util.Set<Integer> colours = new java.util.HashSet<>();
      for (int y = 0; y < img.getHeight(); y += 7) {
        for (int x = 0; x < img.getWidth(); x += 7) {
          colours.add(img.getRGB(x, y));
        }
      }
      org.assertj.core.api.Assertions.assertThat(colours.size())
          .as(name + " has something drawn on it")
          .isGreaterThan(8);
    }
  }

  private static String shot(Page page, String name) {
    page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve(name)).setFullPage(true));
    return name;
  }
}
