package dev.bulwark.hygiene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.hygiene.check.CheckCatalog;
import dev.bulwark.hygiene.check.CheckResult;
import dev.bulwark.hygiene.check.Profile;
import dev.bulwark.hygiene.check.Status;
import dev.bulwark.hygiene.posture.BadRoot;
import dev.bulwark.hygiene.posture.HistorySecrets;
import dev.bulwark.hygiene.posture.SystemRoot;
import dev.bulwark.hygiene.state.CheckupStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TeamReportTest {
  private static final CheckCatalog CATALOG = CheckCatalog.builtIn();

  @Test
  void anUploadOfTheBadRoot_holdsStatusesOnly_noneOfTheEvidence(@TempDir Path dir)
      throws Exception {
    CheckupRun run =
        new Checkup(CATALOG, HistorySecrets.BASIC, new CheckupStore(dir.resolve("data")))
            .run(
                SystemRoot.of(BadRoot.build(dir.resolve("bad"))),
                Profile.ADMIN,
                Instant.parse("2026-12-01T00:00:00Z"),
                false);
    byte[] body = TeamReport.of(run, "alice-laptop").toJson();
    String json = new String(body, StandardCharsets.UTF_8);

    // every piece of evidence the run found stays on the machine: paths, settings, counts
    int evidence = 0;
    for (CheckResult r : run.results().values()) {
      for (String e : r.evidence()) {
        evidence++;
        assertThat(json).as("evidence of %s", r.checkId()).doesNotContain(e);
      }
    }
    assertThat(evidence).isGreaterThan(20);
    for (String planted :
        List.of(
            "MadeUpPass99",
            "madeup0123456789abcdef",
            "notreal42",
            "madeuptoken123",
            "/etc/",
            "/home/",
            "alice ALL",
            "3306")) {
      assertThat(json).doesNotContain(planted);
    }

    TeamReport back = TeamReport.parse(body, CATALOG);
    assertThat(back.member()).isEqualTo("alice-laptop");
    assertThat(back.progress()).isEqualTo(run.progress());
    assertThat(back.statuses()).hasSize(run.checks().size());
    assertThat(back.statuses().get("firewall")).isEqualTo(Status.FAIL);
  }

  @Test
  void parse_refusesAnythingBeyondStatuses() {
    String ok =
        "{\"member\":\"m\",\"profile\":\"home\",\"time\":\"2026-12-01T00:00:00Z\",\"progress\":5,"
            + "\"results\":{\"firewall\":\"FAIL\"}";
    assertThat(TeamReport.parse((ok + "}").getBytes(StandardCharsets.UTF_8), CATALOG).statuses())
        .containsExactly(Map.entry("firewall", Status.FAIL));
    assertThatThrownBy(() -> parse(ok + ",\"evidence\":[\"/etc/shadow\"]}"))
        .hasMessageContaining("unexpected field 'evidence'");
    assertThatThrownBy(() -> parse(ok.replace("\"firewall\"", "\"my-password-is-hunter2\"") + "}"))
        .hasMessageContaining("no check");
    assertThatThrownBy(() -> parse(ok.replace("\"FAIL\"", "\"hunter2\"") + "}"))
        .hasMessageContaining("expected PASS, FAIL");
    assertThatThrownBy(() -> parse(ok.replace("\"FAIL\"", "{\"status\":\"FAIL\"}") + "}"))
        .hasMessageContaining("a status name is required");
    assertThatThrownBy(() -> parse(ok.replace("\"m\"", "\"a\\u001b[31mb\"") + "}"))
        .hasMessageContaining("printable");
    assertThatThrownBy(() -> parse(ok.replace("5", "101") + "}")).hasMessageContaining("0..100");
    assertThatThrownBy(() -> parse("[1]")).hasMessageContaining("JSON object");
  }

  @Test
  void posture_putsThePracticeMostMembersMissPerMinuteFirst() {
    Map<String, Status> a =
        Map.of("firewall", Status.FAIL, "auto-updates", Status.FAIL, "mfa-email", Status.PASS);
    Map<String, Status> b =
        Map.of("firewall", Status.FAIL, "auto-updates", Status.PASS, "mfa-email", Status.UNKNOWN);
    Map<String, Status> c = Map.of("firewall", Status.NOT_APPLICABLE, "auto-updates", Status.FAIL);
    List<TeamPosture.Row> rows = TeamPosture.of(CATALOG, List.of(a, b, c));
    assertThat(rows)
        .extracting(r -> r.check().id())
        .containsExactlyInAnyOrder("firewall", "auto-updates", "mfa-email");
    TeamPosture.Row fw =
        rows.stream().filter(r -> r.check().id().equals("firewall")).findFirst().get();
    assertThat(fw.fail()).isEqualTo(2);
    assertThat(fw.notApplicable()).isEqualTo(1);
    assertThat(fw.percentInPlace()).isZero();
    TeamPosture.Row mfa = rows.get(rows.size() - 1);
    assertThat(mfa.check().id()).isEqualTo("mfa-email");
    assertThat(mfa.unknown()).isEqualTo(1);
    assertThat(mfa.percentInPlace()).isEqualTo(50);
    // the order follows failing members × risk per minute, from the catalogue's own figures
    for (int i = 1; i < rows.size(); i++) {
      assertThat(rows.get(i - 1).push()).isGreaterThanOrEqualTo(rows.get(i).push());
    }
    double fwPush = 2 * CATALOG.get("firewall").orElseThrow().value();
    assertThat(fw.push()).isEqualTo(fwPush);
  }

  private static TeamReport parse(String s) {
    return TeamReport.parse(s.getBytes(StandardCharsets.UTF_8), CATALOG);
  }
}
