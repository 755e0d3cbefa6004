package dev.bulwark.hygiene.posture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.hygiene.Checkup;
import dev.bulwark.hygiene.CheckupRun;
import dev.bulwark.hygiene.CheckupText;
import dev.bulwark.hygiene.check.CheckCatalog;
import dev.bulwark.hygiene.check.CheckResult;
import dev.bulwark.hygiene.check.Profile;
import dev.bulwark.hygiene.check.Status;
import dev.bulwark.hygiene.state.CheckupStore;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every probe on a root set up badly on purpose, and on one set up well. */
class PostureProbesTest {
  @TempDir Path dir;

  @Test
  void badRoot_everyProbeFindsItsPlantedProblem() throws Exception {
    Path root = BadRoot.build(dir.resolve("bad"));
    SystemRoot r = SystemRoot.of(root);
    assertThat(r.live()).isFalse();
    for (Probe p : Probes.all(HistorySecrets.BASIC)) {
      CheckResult res = p.run(r);
      // apt is simulated on the live root only; antivirus is not judged on Linux
      if (p.id().equals("security-updates") || p.id().equals("antivirus")) {
        assertThat(res.status()).as(p.id()).isEqualTo(Status.NOT_APPLICABLE);
      } else {
        assertThat(res.status()).as("%s: %s", p.id(), res.evidence()).isEqualTo(Status.FAIL);
      }
    }
    CheckupStore store = new CheckupStore(dir.resolve("data"));
    CheckupRun run =
        new Checkup(CheckCatalog.builtIn(), HistorySecrets.BASIC, store)
            .run(r, Profile.ADMIN, Instant.parse("2026-12-01T00:00:00Z"), true);
    assertThat(run.results().get("ssh-server").evidence())
        .anyMatch(e -> e.contains("/etc/ssh/sshd_config:3 PermitRootLogin yes"))
        .anyMatch(
            e -> e.contains("/etc/ssh/sshd_config.d/50-cloud.conf:1 PasswordAuthentication yes"));
    assertThat(run.results().get("listening-services").evidence())
        .containsExactly("listening on 0.0.0.0:22", "listening on 0.0.0.0:3306");
    assertThat(run.results().get("sudoers").evidence()).hasSize(2);
    assertThat(run.results().get("browser-extensions").evidence()).hasSize(2);
    assertThat(run.results().get("shell-history-secrets").evidence()).hasSize(3);
    // the next action is the best risk-per-minute among failures: auto-updates (50 in 5 minutes)
    assertThat(run.next()).get().extracting(n -> n.check().id()).isEqualTo("auto-updates");

    StringWriter text = new StringWriter();
    CheckupText.write(run, new java.io.PrintWriter(text));
    String out = text.toString();
    // evidence is redacted: no secret from the planted files reaches the output
    for (String secret :
        List.of("MadeUpPass99", "madeup0123456789abcdef", "notreal42", "madeuptoken123")) {
      assertThat(out).doesNotContain(secret);
    }
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target/bad-root-checkup.txt"), out);
  }

  @Test
  void goodRoot_probesPass() throws Exception {
    Path root = dir.resolve("good");
    BadRoot.write(
        root,
        "etc/passwd",
        "root:x:0:0:root:/root:/bin/bash\nbob:x:1000:1000::/home/bob:/bin/bash\n");
    BadRoot.write(root, "etc/crypttab", "sda3_crypt UUID=0000 none luks,discard\n");
    BadRoot.write(
        root, "etc/apt/apt.conf.d/20auto-upgrades", "APT::Periodic::Unattended-Upgrade \"1\";\n");
    BadRoot.write(
        root,
        "var/lib/dpkg/status",
        "Package: unattended-upgrades\nStatus: install ok installed\n");
    BadRoot.write(
        root,
        "etc/nftables.conf",
        "table inet filter {\n  chain input {\n    type filter hook input priority 0; policy drop;\n  }\n}\n");
    BadRoot.write(root, "etc/ssh/sshd_config", "PermitRootLogin no\nPasswordAuthentication no\n");
    BadRoot.write(
        root,
        "proc/net/tcp",
        "  sl  local_address rem_address   st\n   0: 0100007F:0277 00000000:0000 0A 0\n");
    BadRoot.write(root, "etc/sudoers", "root ALL=(ALL:ALL) ALL\n%sudo ALL=(ALL:ALL) ALL\n");
    BadRoot.write(root, "home/bob/.ssh/id_ed25519", BadRoot.opensshKey("aes256-ctr"));
    BadRoot.write(root, "home/bob/.gitconfig", "[credential]\n\thelper = libsecret\n");
    BadRoot.write(root, "home/bob/.bash_history", "ls\ngit status\n");
    BadRoot.write(
        root,
        "home/bob/.config/chromium/Default/Extensions/id1/2.0/manifest.json",
        "{\"name\":\"Dark Reader\",\"permissions\":[\"storage\"],\"host_permissions\":[\"https://docs.example/*\"]}");
    SystemRoot r = SystemRoot.of(root);
    Set<String> passing =
        Probes.all(HistorySecrets.BASIC).stream()
            .filter(p -> p.run(r).status() == Status.PASS)
            .map(Probe::id)
            .collect(Collectors.toSet());
    assertThat(passing)
        .containsExactlyInAnyOrder(
            "disk-encryption",
            "auto-updates",
            "firewall",
            "ssh-server",
            "listening-services",
            "sudoers",
            "path-world-writable",
            "browser-extensions",
            "ssh-key-passphrase",
            "git-credentials-plaintext",
            "shell-history-secrets");
  }

  @Test
  void aptSimulation_countsOnlySecurityUpdates() {
    CheckResult r =
        SecurityUpdates.fromSimulation(
            "security-updates",
            "Reading package lists...\n"
                + "Inst libssl3 [3.0.11-1] (3.0.13-1~deb12u1 Debian-Security:12/stable-security [amd64])\n"
                + "Inst tzdata [2024a-0] (2024b-0 Debian:12.7/stable [all])\n"
                + "Conf libssl3 (3.0.13-1~deb12u1 Debian-Security:12/stable-security [amd64])\n");
    assertThat(r.status()).isEqualTo(Status.FAIL);
    assertThat(r.evidence())
        .containsExactly("1 security updates waiting (of 2 updates)", "package libssl3");
  }

  @Test
  void catalogue_everyProbeHasACheckAndEveryProbeCheckAProbe() throws Exception {
    CheckCatalog cat = CheckCatalog.builtIn();
    Set<String> probes =
        Probes.all(HistorySecrets.BASIC).stream().map(Probe::id).collect(Collectors.toSet());
    Set<String> probeChecks =
        cat.all().stream()
            .filter(c -> c.kind() == dev.bulwark.hygiene.check.Check.Kind.PROBE)
            .map(dev.bulwark.hygiene.check.Check::id)
            .collect(Collectors.toSet());
    assertThat(probes).isEqualTo(probeChecks);
    assertThat(cat.all()).allMatch(c -> c.fix().containsKey("any") || c.fix().containsKey("linux"));
    try (Stream<String> s = cat.all().stream().flatMap(c -> c.lynis().stream())) {
      assertThat(s).allMatch(id -> id.matches("[A-Z]+-[0-9]{4}"));
    }
  }

  @Test
  void catalogue_unknownKey_errorNamesFileAndCheck() {
    var in =
        new java.io.ByteArrayInputStream(
            "checks:\n  - id: x\n    effrot: 5\n"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> CheckCatalog.read("mine.yaml", in))
        .hasMessageContaining("mine.yaml: check 1: unknown key 'effrot'");
  }
}
