package dev.bulwark.server;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import dev.bulwark.core.testing.Tools;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Debian's headless chromium driven by Playwright, shared by the console's browser tests. */
final class ConsoleBrowser implements AutoCloseable {
  /** Debian's chromium, found on PATH (so a run with it removed from PATH skips cleanly). */
  static final Path CHROMIUM = Tools.chromium();

  final Playwright playwright;
  final Browser browser;

  /** Skips the calling test with a clear message when chromium is not installed. */
  static void assumeChromium() {
    assumeThat(CHROMIUM)
        .as("chromium is not on PATH (Debian: apt-get install chromium): browser test skipped")
        .isNotNull();
  }

  ConsoleBrowser() {
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
  }

  /** Signs in through the console's login form; the console then opens the triage queue. */
  static Page signIn(Page page, String base, String user) {
    page.navigate(base + "/login");
    page.locator("input[name=user]").fill(user);
    page.locator("input[name=password]").fill(user + "-password-123");
    page.locator("button[type=submit]").click();
    assertThat(page).hasURL(base + "/console/triage");
    return page;
  }

  @Override
  public void close() {
    browser.close();
    playwright.close();
  }
}
