package dev.bulwark.threatmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import dev.bulwark.core.testing.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The golden diagrams opened in a real browser (Debian's chromium via Playwright): every asset is
 * drawn with a visible box, and a screenshot is kept in {@code target/screenshots} to look at.
 */
class DiagramBrowserTest {

  @Test
  void goldenDiagrams_renderEveryAsset_inChromium() throws Exception {
    Path chromium = Tools.chromium();
    assumeThat(chromium).as(Tools.missing("chromium", "chromium")).isNotNull();
    Path golden = Path.of("src/test/resources/golden");
    Path shots = Path.of("target/screenshots");
    Files.createDirectories(shots);
    try (Playwright pw =
            Playwright.create(
                new Playwright.CreateOptions()
                    .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        Browser browser =
            pw.chromium()
                .launch(
                    new BrowserType.LaunchOptions()
                        .setExecutablePath(chromium)
                        .setHeadless(true)
                        .setArgs(
                            List.of(
                                "--no-sandbox",
                                "--disable-gpu",
                                "--no-first-run",
                                "--disable-background-networking",
                                "--disable-component-update",
                                "--disable-sync")))) {
      for (String name :
          List.of("threagile-example/dfd-built-in.svg", "threat-dragon-demo/dfd-built-in.svg")) {
        Page page = browser.newPage(new Browser.NewPageOptions().setViewportSize(1800, 1400));
        // inline in a page, as the console would show it; nothing is fetched
        page.setContent(
            "<!doctype html><html><body style=\"margin:0\">"
                + Files.readString(golden.resolve(name))
                + "</body></html>");
        int nodes = page.locator("g.node").count();
        assertThat(nodes).as(name).isGreaterThan(3);
        for (int i = 0; i < nodes; i++) {
          var box = page.locator("g.node").nth(i).boundingBox();
          assertThat(box.width).as("%s node %d width", name, i).isGreaterThan(50);
          assertThat(box.height).as("%s node %d height", name, i).isGreaterThan(20);
        }
        byte[] png =
            page.locator("svg")
                .first()
                .screenshot(
                    new com.microsoft.playwright.Locator.ScreenshotOptions()
                        .setTimeout(60_000)
                        .setPath(shots.resolve(name.replace('/', '-') + ".png")));
        assertThat(png.length).isGreaterThan(5_000);
        page.close();
      }
    }
  }
}
