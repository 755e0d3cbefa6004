package dev.bulwark.server;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
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
  /** Debian's chromium, found on PATH (so a run with it removed from PATH skips cleanly). */
  static final Path CHROMIUM = chromium();

  static final Path SHOTS = Path.of("target/screenshots");

  private static Path chromium() {
    String path = System.getenv("PATH");
    for (String dir : path == null ? new String[0] : path.split(java.io.File.pathSeparator)) {
      for (String name : new String[] {"chromium", "chromium-browser"}) {
        Path p = Path.of(dir.isEmpty() ? "." : dir, name);
        if (Files.isExecutable(p) && !Files.isDirectory(p)) {
          return p;
        }
      }
    }
    return null;
  }

  @TempDir Path dir;
  TestServer t;
  Playwright playwright;
  Browser browser;

  @BeforeEach
  void start() throws Exception {
    assumeThat(CHROMIUM)
        .as("chromium is not on PATH (Debian: apt-get install chromium): browser test skipped")
        .isNotNull();
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
    playwright =
        Playwright.create(
            new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    browser =
        playwright
            .chromium()
            .launch(
                new BrowserType.LaunchOptions()
                    .setExecutablePath(CHROMIUM)
                    .setHeadless(true)
                    .setArgs(
                        List.of(
                            "--no-sandbox",
                            "--disable-gpu",
                            "--disable-quic",
                            "--no-first-run",
                            "--disable-background-networking",
                            "--disable-component-update",
                            "--disable-sync")));
    Files.createDirectories(SHOTS);
  }

  @AfterEach
  void stop() {
    if (browser != null) {
      browser.close();
    }
    if (playwright != null) {
      playwright.close();
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

  private Page signIn() {
    Page page = browser.newPage();
    page.navigate(t.base() + "/login");
    page.locator("input[name=user]").fill("ana");
    page.locator("input[name=password]").fill("ana-password-123");
    page.locator("button[type=submit]").click();
    assertThat(page).hasURL(t.base() + "/console/triage");
    return page;
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
    // the technique is in several tactics' columns (the built-in pack's rules tag it under more
    // than one); the detection was made under credential access
    Locator lsass =
        page.locator(".attack .tactic", new Page.LocatorOptions().setHasText("credential access"))
            .locator(".tech", new Locator.LocatorOptions().setHasText("T1003.001"));
    assertThat(lsass.first()).hasClass(java.util.regex.Pattern.compile("covered"));
    assertThat(lsass.first()).hasClass(java.util.regex.Pattern.compile("heat1"));
    assertThat(page.locator("svg.bars").nth(1)).containsText("logs");
    page.screenshot(
        new Page.ScreenshotOptions().setPath(SHOTS.resolve("dashboard.png")).setFullPage(true));
  }
}
