package dev.bulwark.hygiene.posture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.hygiene.Checkup;
import dev.bulwark.hygiene.CheckupRun;
import dev.bulwark.hygiene.CheckupText;
import dev.bulwark.hygiene.check.CheckCatalog;
import dev.bulwark.hygiene.check.CheckResult;
import dev.bulwark.hygiene.check.Platform;
import dev.bulwark.hygiene.check.Profile;
import dev.bulwark.hygiene.check.Status;
import dev.bulwark.hygiene.state.CheckupStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Windows posture from PowerShell's ConvertTo-Json files (Windows PowerShell 5.1's UTF-16 with
 * numeric enumerations in the bad set, PowerShell 7's UTF-8 with names and single objects in the
 * good one) and macOS posture from its commands' output, collected on purpose well and badly.
 */
class CollectedPostureTest {
  private static final Path COLLECTED = Path.of("src/test/resources/collected");

  @TempDir Path dir;

  private static Map<String, CheckResult> run(List<Probe> probes, String folder) {
    SystemRoot root = SystemRoot.of(COLLECTED.resolve(folder));
    return probes.stream().collect(Collectors.toMap(Probe::id, p -> p.run(root)));
  }

  @Test
  void windows_badlySetUp_everyCollectedCheckFails_withWhatIsWrong() {
    Map<String, CheckResult> r = run(WindowsProbes.all(), "windows-bad");
    assertThat(r.get("disk-encryption").status()).isEqualTo(Status.FAIL);
    // the removable drive is not judged; the suspended data volume is named as such
    assertThat(r.get("disk-encryption").evidence())
        .containsExactly(
            "C: (OperatingSystem): BitLocker off, FullyDecrypted, 0% encrypted",
            "D: (FixedData): BitLocker protection suspended (the key is readable on the disk)");
    assertThat(r.get("antivirus").evidence())
        .containsExactly("RealTimeProtectionEnabled is off", "virus signatures are 23 days old");
    assertThat(r.get("firewall").evidence())
        .containsExactly(
            "Private profile: every inbound connection allowed", "Public profile: firewall off");
    assertThat(r.get("auto-updates").evidence())
        .containsExactly("policy AUOptions = 2: Windows only tells you updates are there");
    // only the update Windows rates for security counts
    assertThat(r.get("security-updates").evidence())
        .containsExactly(
            "Critical: 2026-11 Cumulative Update for Windows 11 Version 24H2 for x64-based"
                + " Systems (KB5046617)");
    assertThat(r.get("screen-lock").evidence())
        .containsExactly(
            "the screen saver does not ask for the password (ScreenSaverIsSecure)",
            "the screen saver starts after 30 minutes (ScreenSaveTimeOut)");
    assertThat(r.values())
        .filteredOn(x -> !x.checkId().equals("sudoers"))
        .allMatch(x -> x.status() == Status.FAIL);
    assertThat(r.get("sudoers").status()).isEqualTo(Status.NOT_APPLICABLE);
  }

  @Test
  void windows_wellSetUp_everyCollectedCheckPasses() {
    Map<String, CheckResult> r = run(WindowsProbes.all(), "windows-good");
    r.forEach((id, res) -> {
      if (!id.equals("sudoers")) {
        assertThat(res.status()).as("%s: %s", id, res.evidence()).isEqualTo(Status.PASS);
      }
    });
    assertThat(r.get("auto-updates").evidence().get(0)).contains("no policy");
    assertThat(r.get("screen-lock").evidence().get(0)).contains("InactivityTimeoutSecs = 600");
    assertThat(r.get("security-updates").evidence())
        .containsExactly("1 updates waiting, none of them a security update");
  }

  @Test
  void windows_missingAndBrokenFiles_leaveTheirChecksUnknown() throws Exception {
    Files.writeString(dir.resolve(WindowsProbes.DEFENDER), "AMServiceEnabled : True\n");
    Map<String, CheckResult> r =
        WindowsProbes.all().stream()
            .collect(Collectors.toMap(Probe::id, p -> p.run(SystemRoot.of(dir))));
    assertThat(r.get("antivirus").status()).isEqualTo(Status.UNKNOWN);
    assertThat(r.get("antivirus").evidence().get(0)).contains("not the JSON ConvertTo-Json writes");
    assertThat(r.get("firewall").evidence()).containsExactly("firewall.json was not collected");
    // Defender in passive mode: another antivirus is in charge and cannot be judged from here
    Files.writeString(
        dir.resolve(WindowsProbes.DEFENDER),
        "{\"AMRunningMode\":\"Passive Mode\",\"RealTimeProtectionEnabled\":false}");
    assertThat(WindowsProbes.all().get(1).run(SystemRoot.of(dir)).status())
        .isEqualTo(Status.UNKNOWN);
  }

  @Test
  void powerShellJson_readsUtf16WithoutAMark_andUtf8WithOne() {
    String json = "{\"Enabled\":1}";
    assertThat(PowerShellJson.decode(json.getBytes(StandardCharsets.UTF_16LE))).isEqualTo(json);
    assertThat(PowerShellJson.decode(json.getBytes(StandardCharsets.UTF_16BE))).isEqualTo(json);
    byte[] utf8 = json.getBytes(StandardCharsets.UTF_8);
    byte[] marked = new byte[utf8.length + 3];
    marked[0] = (byte) 0xef;
    marked[1] = (byte) 0xbb;
    marked[2] = (byte) 0xbf;
    System.arraycopy(utf8, 0, marked, 3, utf8.length);
    assertThat(PowerShellJson.decode(marked)).isEqualTo(json);
  }

  @Test
  void macos_badlySetUp_everyCollectedCheckFails() {
    Map<String, CheckResult> r = run(MacProbes.all(), "macos-bad");
    assertThat(r.get("disk-encryption").evidence()).containsExactly("FileVault is off");
    assertThat(r.get("firewall").evidence()).containsExactly("the application firewall is off");
    assertThat(r.get("auto-updates").evidence())
        .containsExactly(
            "macOS does not look for updates by itself",
            "CriticalUpdateInstall = 0: security responses do not install themselves",
            "ConfigDataInstall = 0: security responses do not install themselves");
    assertThat(r.get("security-updates").evidence())
        .containsExactly(
            "waiting: macOS Sequoia 15.1.1-24B91", "waiting: Safari18.1.1SonomaAuto-18.1.1");
    assertThat(r.get("screen-lock").status()).isEqualTo(Status.FAIL);
    // Remote Login on: the copied sshd_config is read as on Linux
    assertThat(r.get("ssh-server").evidence())
        .anyMatch(e -> e.contains("PermitRootLogin yes"))
        .anyMatch(e -> e.contains("PasswordAuthentication yes"));
    assertThat(r.get("sudoers").status()).isEqualTo(Status.FAIL);
    assertThat(r.get("antivirus").status()).isEqualTo(Status.NOT_APPLICABLE);
    assertThat(r.values())
        .filteredOn(x -> !x.checkId().equals("antivirus"))
        .allMatch(x -> x.status() == Status.FAIL);
  }

  @Test
  void macos_wellSetUp_passesOrHasNothingToJudge() {
    Map<String, CheckResult> r = run(MacProbes.all(), "macos-good");
    for (String id :
        List.of(
            "disk-encryption",
            "firewall",
            "auto-updates",
            "security-updates",
            "screen-lock",
            "sudoers")) {
      assertThat(r.get(id).status()).as("%s: %s", id, r.get(id).evidence()).isEqualTo(Status.PASS);
    }
    assertThat(r.get("ssh-server").status()).isEqualTo(Status.NOT_APPLICABLE);
    assertThat(r.get("ssh-server").evidence())
        .containsExactly("Remote Login (the SSH server) is off");
  }

  @Test
  void windowsCheckup_nextActionAndFixAreWindows_uncollectedChecksStayUnknown() throws Exception {
    CheckupRun run =
        new Checkup(
                CheckCatalog.builtIn(),
                Platform.WINDOWS,
                WindowsProbes.all(),
                new CheckupStore(dir.resolve("data")))
            .run(
                SystemRoot.of(COLLECTED.resolve("windows-bad")),
                Profile.HOME,
                Instant.parse("2026-12-01T00:00:00Z"),
                false);
    // antivirus: 35 risk points in 3 minutes, the best value among the failures
    assertThat(run.next()).get().extracting(n -> n.check().id()).isEqualTo("antivirus");
    assertThat(run.results().get("browser-extensions").evidence())
        .containsExactly("not read on Windows yet: check it by hand");
    StringWriter out = new StringWriter();
    CheckupText.write(run, new PrintWriter(out));
    assertThat(out.toString())
        .contains("(Windows)")
        .contains("How: Windows Security → Virus & threat protection");
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target/windows-bad-checkup.txt"), out.toString());
  }
}
