package dev.bulwark.hygiene.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.testing.Golden;
import dev.bulwark.hygiene.Checkup;
import dev.bulwark.hygiene.CheckupRun;
import dev.bulwark.hygiene.check.CheckCatalog;
import dev.bulwark.hygiene.check.Profile;
import dev.bulwark.hygiene.posture.BadRoot;
import dev.bulwark.hygiene.posture.HistorySecrets;
import dev.bulwark.hygiene.posture.SystemRoot;
import dev.bulwark.hygiene.state.CheckupStore;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The check-up page's markup for a system with problems: a golden file. */
class CheckupPageTest {
  @TempDir Path dir;

  @Test
  void html_systemWithProblems_matchesGoldenFile() throws Exception {
    Path root = BadRoot.build(dir.resolve("root"));
    Checkup checkup =
        new Checkup(
            CheckCatalog.builtIn(), HistorySecrets.BASIC, new CheckupStore(dir.resolve("data")));
    CheckupRun run =
        checkup.run(
            SystemRoot.of(root), Profile.DEVELOPER, Instant.parse("2026-12-01T10:00:00Z"), true);
    String html = CheckupPage.html(run);
    assertThat(html).contains("id=\"next-action\"");
    Golden.assertMatches("hygiene/checkup.html", html);
  }
}
