package dev.bulwark.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on the embedded H2 file database, as a user runs it by default. */
class H2StoreTest extends StoreContract {
  @TempDir Path dir;

  @Override
  protected Store open() {
    return Store.openDefault(dir);
  }

  @Test
  void dataDirectory_isOwnerOnly_andLooseFilesAreTightenedWithAWarning(@TempDir Path other)
      throws Exception {
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
        .isEqualTo("rwx------");
    Path db = Path.of(Store.h2File(dir) + ".mv.db");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(db)))
        .isEqualTo("rw-------");

    Path data = other.resolve("data");
    Files.createDirectories(data);
    Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.writeString(data.resolve("labels.jsonl"), "{}");
    Files.setPosixFilePermissions(
        data.resolve("labels.jsonl"), PosixFilePermissions.fromString("rw-r--r--"));
    try (Store s = Store.openDefault(data)) {
      assertThat(s.notes()).hasSize(2).allMatch(n -> n.contains("readable by others"));
    }
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data)))
        .isEqualTo("rwx------");
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(data.resolve("labels.jsonl"))))
        .isEqualTo("rw-------");
  }

  @Test
  void backup_isOnline_andRestoreBringsItBack(@TempDir Path work) {
    ingest.upload(Fixtures.upload("shop", "k1", Fixtures.many("code", "a", 30)), analyst);
    Path zip = StoreMaintenance.backup(store, work.resolve("store.zip"));
    assertThatThrownBy(() -> StoreMaintenance.backup(store, zip))
        .hasMessageContaining("never overwrites");
    ingest.upload(Fixtures.upload("shop", "k2", Fixtures.many("code", "b", 5)), analyst);
    assertThatThrownBy(() -> StoreMaintenance.restore(dir, zip))
        .as("the store is open in this process")
        .hasMessageContaining("in use");
    store.close();
    Path kept = StoreMaintenance.restore(dir, zip);
    assertThat(kept).exists();
    try (Store s = Store.openDefault(dir)) {
      StoreMaintenance.Check c = StoreMaintenance.check(s);
      assertThat(c.problems()).isEmpty();
      assertThat(c.rows()).containsEntry("findings", 30L).containsEntry("scans", 1L);
    }
    store = Store.openDefault(dir);
  }

  @Test
  void aStoreThatDoesNotOpen_isSetAside_andRecoveryReportsWhatItCouldNotRead() throws Exception {
    ingest.upload(Fixtures.upload("shop", "k1", Fixtures.many("code", "a", 200)), analyst);
    store.close();
    Path db = Path.of(Store.h2File(dir) + ".mv.db");
    // damage every chunk, as a disk that lost its writes would
    byte[] all = Files.readAllBytes(db);
    String text = new String(all, java.nio.charset.StandardCharsets.ISO_8859_1);
    try (RandomAccessFile f = new RandomAccessFile(db.toFile(), "rw")) {
      for (int p = text.indexOf("chunk:", 8192); p >= 0; p = text.indexOf("chunk:", p + 1)) {
        if (p % 4096 == 0) {
          f.seek(p + 3000); // inside the chunk's pages, past its header
          f.write(new byte[100]);
        }
      }
    }
    StoreMaintenance.Check broken = StoreMaintenance.checkDefault(dir);
    assertThat(broken.opens()).isFalse();
    assertThat(broken.problems()).singleElement().asString().contains("store recover");

    StoreMaintenance.Recovery r = StoreMaintenance.recover(dir);
    assertThat(r.damagedCopy().resolve("bulwark.mv.db")).isRegularFile();
    assertThat(r.unreadable()).isNotEmpty();
    assertThat(r.after().opens()).isTrue();
    assertThat(r.after().problems()).isEmpty();
    store = Store.openDefault(dir);
  }

  @Test
  void pathFilter_readsThePrefixesIndexRange_notTheWholeQueue() {
    ingest.upload(Fixtures.upload("shop", "k1", Fixtures.many("code", "common", 3_000)), analyst);
    ingest.upload(Fixtures.upload("shop", "k2", Fixtures.many("secrets", "rare", 12)), analyst);
    for (String status : java.util.Arrays.asList("open", null)) {
      FindingStore.Query q =
          new FindingStore.Query(
              "shop",
              status,
              null,
              null,
              null,
              "src/rare/",
              null,
              FindingStore.Sort.SEVERITY,
              5,
              null);
      String plan = findings.plan(q);
      assertThat(plan)
          .as(plan)
          .contains(status != null ? "FINDINGS_BY_STATUS_PATH" : "FINDINGS_BY_PATH")
          .contains("\"PATH\" >= ");
      java.util.regex.Matcher scanned =
          java.util.regex.Pattern.compile("scanCount: (\\d+)").matcher(plan);
      assertThat(scanned.find()).as(plan).isTrue();
      // the twelve rows under the prefix (and the one past it), not the 3,000 before them
      assertThat(Integer.parseInt(scanned.group(1))).as(plan).isLessThanOrEqualTo(13);
      assertThat(findings.list(q).items())
          .hasSize(5)
          .allSatisfy(r -> assertThat(r.path()).startsWith("src/rare/"));
    }
  }
}
