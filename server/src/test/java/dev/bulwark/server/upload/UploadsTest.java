package dev.bulwark.server.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.store.Documents;
import dev.bulwark.store.Fixes;
import dev.bulwark.store.Incidents;
import dev.bulwark.store.Ingest;
import dev.bulwark.store.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The upload use cases on a real store: checked before anything is stored, incidents rebuilt. */
class UploadsTest {
  @TempDir Path dir;
  Store store;
  Uploads uploads;

  @BeforeEach
  void open() {
    store = Store.openDefault(dir.resolve("store"));
    uploads = new Uploads(new Ingest(store), new Fixes(store), new Documents(store));
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void report_malformedFinding_isRejectedNamingIt_andNothingIsStored() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("bad.json"),
            """
            {"scan":{"analyzers":[{"id":"code","status":"completed"}]},
             "findings":[{"fingerprint":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","analyzer":"code"}]}
            """);
    assertThatThrownBy(() -> uploads.report("shop", "k1", file, "00".repeat(32), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("finding 0");
    assertThat(store.projects()).isEmpty();
  }

  @Test
  void report_huntWithoutIncidents_rebuildsThemFromItsDetections() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("hunt.json"),
            """
            {"scan":{"analyzers":[{"id":"logs","status":"completed"}]},"findings":[
             {"fingerprint":"cccccccccccccccccccccccccccccccc","analyzer":"logs","ruleId":"sigma-9",
              "title":"Process Opened LSASS Memory","message":"m","severity":"high",
              "confidence":"high","locations":[{"kind":"log-event","path":"Sysmon.evtx",
              "recordId":"2","timestamp":"2019-03-17T19:09:41Z","channel":"Sysmon","host":"PC04"}],
              "taxa":[{"taxonomy":"ATTACK","id":"T1003.001"}],
              "properties":{"incident":"INC-7","tactics":"credential-access"}}]}
            """);
    Ingest.Result res = uploads.report("soc", "k1", file, "01".repeat(32), null);

    assertThat(res.created()).isTrue();
    var incidents = new Incidents(store).list("soc", 10);
    assertThat(incidents).hasSize(1);
    assertThat(incidents.get(0).title()).isEqualTo("Process Opened LSASS Memory on PC04");
  }

  @Test
  void fixes_unverifiedFixes_areSkipped_notStored() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("fixes.json"),
            """
            {"findings":[{"fingerprint":"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
              "fix":{"status":"proposed","description":"d","diff":"--- a\\n+++ b\\n"}}]}
            """);
    Uploads.FixUpload res = uploads.fixes("shop", file, null);
    assertThat(res.skipped()).isEqualTo(1);
    assertThat(res.stored().stored()).isZero();
  }
}
