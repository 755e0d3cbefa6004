package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.store.Accounts;
import dev.bulwark.store.Store;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bulwark store check, backup and restore, and serve tokens, on a real H2 store. */
class StoreCommandTest {
  @Test
  void checkBackupRestore_andTokenRevocation(@TempDir Path dir) throws Exception {
    Path data = dir.resolve("data");
    try (Store s = Store.openDefault(data)) {
      new Accounts(s).bootstrap();
    }
    Cli.Result check = Cli.run("store", "check", "--data-dir", data.toString());
    assertThat(check.exit()).as(check.err()).isZero();
    assertThat(check.out()).contains("store: sound").contains("users").contains("1 rows");

    Path zip = dir.resolve("backup.zip");
    Cli.Result backup = Cli.run("store", "backup", zip.toString(), "--data-dir", data.toString());
    assertThat(backup.exit()).as(backup.err()).isZero();
    assertThat(zip).isRegularFile();

    Cli.Result list = Cli.run("serve", "tokens", "list", "--data-dir", data.toString());
    assertThat(list.out()).contains("admin").contains("first-run").doesNotContain("bwk_");
    String id = list.out().strip().split("\\s+")[0];
    Cli.Result revoke = Cli.run("serve", "tokens", "revoke", id, "--data-dir", data.toString());
    assertThat(revoke.exit()).as(revoke.err()).isZero();
    assertThat(Cli.run("serve", "tokens", "list", "--data-dir", data.toString()).out())
        .contains("REVOKED");

    Cli.Result restore = Cli.run("store", "restore", zip.toString(), "--data-dir", data.toString());
    assertThat(restore.exit()).as(restore.err()).isZero();
    assertThat(restore.out()).contains("kept at");
    assertThat(Cli.run("serve", "tokens", "list", "--data-dir", data.toString()).out())
        .as("the backup predates the revocation")
        .doesNotContain("REVOKED");
  }
}
