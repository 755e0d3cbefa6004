package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every section of bulwark.yaml that Bulwark reads refuses keys it does not know. */
class ConfigKeysTest {
  @TempDir Path dir;

  @Test
  void misspeltSecretsAllowlist_stopsTheScanNamingFileAndLine() throws Exception {
    Files.writeString(
        dir.resolve("bulwark.yaml"),
        "exclude: [\"target/\"]\nsecrets:\n  alowlist:\n    paths: [\"docs/**\"]\n");
    Files.writeString(dir.resolve("a.txt"), "nothing here\n");
    Cli.Result r = Cli.run("scan", dir.toString(), "--no-progress");
    assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err())
        .contains(dir.resolve("bulwark.yaml") + ":3: unknown key 'secrets.alowlist'")
        .contains("allowlist");
  }

  @Test
  void misspeltKeysOfEverySection_areRefused() throws Exception {
    for (String yaml :
        new String[] {
          "mail:\n  executive: [\"Jane Doe\"]\n",
          "deps:\n  windows:\n    frist: 2026-12-01T22:00\n",
          "logs:\n  rule: [sigma/]\n",
          "assets:\n  - {host: \"DC*\", criticallity: high}\n",
          "llm:\n  endpont: http://127.0.0.1:11434/v1\n",
          "analyzers:\n  disabled: [history]\n"
        }) {
      Files.writeString(dir.resolve("bulwark.yaml"), yaml);
      Cli.Result r = Cli.run("scan", dir.toString(), "--no-progress", "--analyzer", "secrets");
      assertThat(r.exit()).as(yaml).isEqualTo(ExitCodes.USAGE);
      assertThat(r.err()).as(yaml).contains("bulwark.yaml:").contains("unknown key");
    }
  }

  /**
   * A setting of the wrong type is an input error before any file is read, like an unknown key:
   * before, the secrets analyzer alone failed after the walk and the scan ended "No findings", exit
   * 0, and a bare word under {@code suppress} hid every finding.
   */
  @Test
  void wronglyTypedSettings_stopTheScanBeforeWork_namingFileAndKey() throws Exception {
    Files.writeString(
        dir.resolve("a.env"), "AWS_SECRET_ACCESS_KEY=EBJMhw5k62rOjlqnFCraP/c0YsHh47lft6zNHIA3\n");
    for (String[] c :
        new String[][] {
          {"secrets:\n  rules: {custom: packs}\n", "'secrets.rules' must be a list of strings"},
          {"secrets:\n  disable: [[jwt]]\n", "'secrets.disable' must be a list of strings"},
          {"secrets:\n  test-paths: 42\n", "secrets.test-paths must be lower, keep or ignore"},
          {"suppress: everything\n", "'suppress' must be a list"},
          {"suppress: [everything]\n", "every item of 'suppress' must be a mapping"}
        }) {
      Files.writeString(dir.resolve("bulwark.yaml"), c[0]);
      Cli.Result r = Cli.run("scan", dir.toString(), "--no-progress");
      assertThat(r.exit()).as(c[0] + r.out() + r.err()).isEqualTo(ExitCodes.USAGE);
      assertThat(r.err()).as(c[0]).contains("bulwark.yaml").contains(c[1]);
      assertThat(r.out()).as(c[0]).doesNotContain("No findings");
    }
    // the same settings, well typed, run
    Files.writeString(dir.resolve("bulwark.yaml"), "secrets:\n  test-paths: keep\n");
    Cli.Result ok = Cli.run("scan", dir.toString(), "--no-progress");
    assertThat(ok.exit()).as(ok.err()).isZero();
    assertThat(ok.out()).contains("aws-secret-access-key");
  }

  @Test
  void theRepositorysOwnConfigurations_useOnlyKnownKeys() throws Exception {
    Path root = Path.of("..").toAbsolutePath().normalize();
    for (Path f :
        Stream.of("bulwark.yaml", "examples/webshop/bulwark.yaml").map(root::resolve).toList()) {
      assertThat(Configs.load(f, f.getParent()).sourceFile()).contains(f);
    }
  }
}
