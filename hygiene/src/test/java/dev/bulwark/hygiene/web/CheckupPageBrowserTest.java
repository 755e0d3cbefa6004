package dev.bulwark.hygiene.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import dev.bulwark.core.testing.Tools;
import dev.bulwark.hygiene.Checkup;
import dev.bulwark.hygiene.CheckupRun;
import dev.bulwark.hygiene.check.CheckCatalog;
import dev.bulwark.hygiene.check.Profile;
import dev.bulwark.hygiene.posture.BadRoot;
import dev.bulwark.hygiene.posture.HistorySecrets;
import dev.bulwark.hygiene.posture.SystemRoot;
import dev.bulwark.hygiene.state.CheckupStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The check-up page in Debian's chromium: the one-time token, the next action, a labelled progress
 * bar, and a re-check driven from the keyboard after the planted problem is fixed. Screenshots go
 * to target/screenshots.
 */
class CheckupPageBrowserTest {
  @TempDir Path dir;

  @Test
  void page_showsNextAction_andRecheckAfterAFix() throws Exception {
    Path chromium = Tools.chromium();
    assumeThat(chromium).as(Tools.missing("chromium", "chromium")).isNotNull();
    Path root = BadRoot.build(dir.resolve("root"));
    Checkup checkup =
        new Checkup(
            CheckCatalog.builtIn(), HistorySecrets.BASIC, new CheckupStore(dir.resolve("data")));
    AtomicInteger runs = new AtomicInteger();
    java.util.concurrent.Callable<CheckupRun> recheck =
        () -> {
          runs.incrementAndGet();
          return checkup.run(SystemRoot.of(root), Profile.DEVELOPER, Instant.now(), true);
        };
    Path shots = Path.of("target/screenshots");
    Files.createDirectories(shots);
    try (CheckupPage page = CheckupPage.start(0, recheck.call(), recheck);
        Playwright pw = Playwright.create();
        Browser browser =
            pw.chromium()
                .launch(
                    new BrowserType.LaunchOptions()
                        .setExecutablePath(chromium)
                        .setArgs(List.of("--no-sandbox")))) {
      URI bare = URI.create("http://127.0.0.1:" + page.address().getPort() + "/");
      HttpClient http = HttpClient.newHttpClient();
      org.assertj.core.api.Assertions.assertThat(
              http.send(HttpRequest.newBuilder(bare).build(), HttpResponse.BodyHandlers.ofString())
                  .statusCode())
          .as("without the token")
          .isEqualTo(403);

      Page p = browser.newPage();
      p.navigate(page.address().toString());
      assertThat(p).hasTitle("Security check-up");
      assertThat(p.locator("#next-action")).hasText("Security updates install themselves");
      assertThat(p.getByLabel("Progress: 0% done")).isVisible();
      p.screenshot(
          new Page.ScreenshotOptions()
              .setPath(shots.resolve("checkup-before.png"))
              .setFullPage(true));

      // the token worked once: a second browser with the same address is refused
      Page other = browser.newContext().newPage();
      other.navigate(page.address().toString());
      assertThat(other.locator("body")).containsText("token works once");

      // fix the planted problem, then re-check with the keyboard only
      Files.writeString(
          root.resolve("etc/apt/apt.conf.d/20auto-upgrades"),
          "APT::Periodic::Unattended-Upgrade \"1\";\n");
      Files.writeString(
          root.resolve("var/lib/dpkg/status"),
          "Package: unattended-upgrades\nStatus: install ok installed\n");
      int before = runs.get();
      p.getByRole(
              com.microsoft.playwright.options.AriaRole.BUTTON,
              new Page.GetByRoleOptions().setName("Check again"))
          .focus();
      // the page is already at "/", so wait for the re-check's own POST, not for a URL
      p.waitForResponse(
          r -> r.request().method().equals("POST"), () -> p.keyboard().press("Enter"));
      p.waitForLoadState();
      org.assertj.core.api.Assertions.assertThat(runs.get()).isEqualTo(before + 1);
      assertThat(p.locator("#next-action")).not().hasText("Security updates install themselves");
      assertThat(p.locator("progress")).not().hasAttribute("value", "0");
      p.screenshot(
          new Page.ScreenshotOptions()
              .setPath(shots.resolve("checkup-after.png"))
              .setFullPage(true));
    }
  }
}
