package dev.bulwark.hygiene.posture;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.hygiene.check.CheckResult;
import dev.bulwark.hygiene.posture.PowerShellJson.Collected;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Windows posture from files collected on the Windows machine with PowerShell ({@code
 * ConvertTo-Json}; the commands are in docs/checkup.md). Bulwark runs nothing on Windows: it reads
 * the folder the person brings. A file that was not collected leaves its check unknown.
 */
public final class WindowsProbes {
  /** The files, named as the collection commands write them. */
  public static final String BITLOCKER = "bitlocker.json";

  public static final String DEFENDER = "defender.json";
  public static final String FIREWALL = "firewall.json";
  public static final String UPDATE_POLICY = "windows-update.json";
  public static final String PENDING_UPDATES = "pending-updates.json";
  public static final String SCREEN_SAVER = "screen-saver.json";
  public static final String LOCK_POLICY = "lock-policy.json";

  /** Signatures older than this many days mean the antivirus misses recent malware. */
  static final int MAX_SIGNATURE_AGE_DAYS = 7;

  /** Idle time after which the screen must lock at the latest: 15 minutes. */
  static final int MAX_LOCK_SECONDS = 900;

  private WindowsProbes() {}

  public static List<Probe> all() {
    return List.of(
        probe("disk-encryption", BITLOCKER, WindowsProbes::bitlocker),
        probe("antivirus", DEFENDER, WindowsProbes::defender),
        probe("firewall", FIREWALL, WindowsProbes::firewall),
        probe("auto-updates", UPDATE_POLICY, WindowsProbes::updatePolicy),
        probe("security-updates", PENDING_UPDATES, WindowsProbes::pending),
        new ScreenLock(),
        Probe.notApplicable("sudoers", "there is no sudo on Windows"));
  }

  /** A probe answered from one collected file by {@code judge}, given the file's objects. */
  private static Probe probe(
      String id, String file, Function<Collected.Items, CheckResult.Builder> judge) {
    return Probe.of(
        id,
        root ->
            switch (PowerShellJson.read(root, file)) {
              case Collected.Missing m -> CheckResult.unknown(id, file + " was not collected");
              case Collected.Unreadable u -> CheckResult.unknown(id, file + ": " + u.why());
              case Collected.Items items -> judge.apply(items).build(id);
            });
  }

  // Get-BitLockerVolume: VolumeType, ProtectionStatus and VolumeStatus are enumerations
  private static final String[] VOLUME_TYPE = {"OperatingSystem", "FixedData", "Removable"};
  private static final String[] PROTECTION = {"Off", "On", "Unknown"};
  private static final String[] VOLUME_STATUS = {
    "FullyDecrypted",
    "FullyEncrypted",
    "EncryptionInProgress",
    "DecryptionInProgress",
    "EncryptionPaused",
    "DecryptionPaused"
  };

  /**
   * The system volume and fixed data volumes must be protected; removable drives are not judged.
   */
  static CheckResult.Builder bitlocker(Collected.Items c) {
    CheckResult.Builder b = new CheckResult.Builder();
    int judged = 0;
    for (JsonNode v : c.items()) {
      String type = PowerShellJson.name(v, "VolumeType", VOLUME_TYPE);
      if (type.equals("Removable")) {
        continue;
      }
      judged++;
      String where = v.path("MountPoint").asText("?") + " (" + type + ")";
      String protection = PowerShellJson.name(v, "ProtectionStatus", PROTECTION);
      String status = PowerShellJson.name(v, "VolumeStatus", VOLUME_STATUS);
      if (protection.equals("On")) {
        b.pass(where + ": BitLocker on, " + status);
      } else if (status.equals("FullyEncrypted")) {
        // encrypted but suspended: the key sits in clear on the disk until protection resumes
        b.fail(where + ": BitLocker protection suspended (the key is readable on the disk)");
      } else {
        b.fail(
            where
                + ": BitLocker off, "
                + status
                + ", "
                + v.path("EncryptionPercentage").asInt(0)
                + "% encrypted");
      }
    }
    if (judged == 0) {
      b.unknown(c.file() + " lists no system or fixed volume");
    }
    return b;
  }

  /**
   * Microsoft Defender on, real-time protection on, signatures recent. In passive mode another
   * antivirus is in charge, which the collected file cannot judge.
   */
  static CheckResult.Builder defender(Collected.Items c) {
    CheckResult.Builder b = new CheckResult.Builder();
    if (c.items().isEmpty()) {
      return b.unknown(c.file() + " is empty");
    }
    JsonNode s = c.items().get(0);
    String mode = s.path("AMRunningMode").asText("");
    if (mode.toLowerCase(Locale.ROOT).contains("passive")) {
      return b.unknown(
          "Microsoft Defender is in passive mode: another antivirus is in charge; check it is on"
              + " and up to date");
    }
    for (String f : List.of("AMServiceEnabled", "AntivirusEnabled", "RealTimeProtectionEnabled")) {
      if (PowerShellJson.isTrue(s, f)) {
        b.pass(f + " is on");
      } else {
        b.fail(f + " is off");
      }
    }
    PowerShellJson.number(s, "AntivirusSignatureAge")
        .ifPresent(age -> {
          if (age > MAX_SIGNATURE_AGE_DAYS) {
            b.fail("virus signatures are " + age + " days old");
          } else {
            b.pass("virus signatures are " + age + " days old");
          }
        });
    return b;
  }

  // Get-NetFirewallProfile: Enabled is a GpoBoolean, DefaultInboundAction an Action
  private static final String[] GPO_BOOLEAN = {"False", "True", "NotConfigured"};
  private static final String[] ACTION = {"NotConfigured", "", "Allow", "", "Block"};

  /** Every profile (Domain, Private, Public) on, and none letting every inbound connection in. */
  static CheckResult.Builder firewall(Collected.Items c) {
    CheckResult.Builder b = new CheckResult.Builder();
    for (JsonNode p : c.items()) {
      String name = p.path("Name").asText("?");
      String enabled = PowerShellJson.name(p, "Enabled", GPO_BOOLEAN);
      String inbound = PowerShellJson.name(p, "DefaultInboundAction", ACTION);
      if (enabled.equals("False") || enabled.equalsIgnoreCase("false")) {
        b.fail(name + " profile: firewall off");
      } else if (inbound.equals("Allow")) {
        b.fail(name + " profile: every inbound connection allowed");
      } else {
        // NotConfigured falls back to Windows' default: on, blocking inbound connections
        b.pass(
            name + " profile: firewall on, inbound " + (inbound.isEmpty() ? "default" : inbound));
      }
    }
    if (c.items().isEmpty()) {
      b.unknown(c.file() + " lists no firewall profile");
    }
    return b;
  }

  /**
   * The Windows Update policy (HKLM\SOFTWARE\Policies\Microsoft\Windows\WindowsUpdate\AU). No
   * policy at all is Windows' default: updates install themselves.
   */
  static CheckResult.Builder updatePolicy(Collected.Items c) {
    CheckResult.Builder b = new CheckResult.Builder();
    if (c.items().isEmpty()) {
      return b.pass("no policy changes Windows Update's default: updates install themselves");
    }
    JsonNode p = c.items().get(0);
    if (PowerShellJson.number(p, "NoAutoUpdate").orElse(0L) == 1) {
      return b.fail("policy NoAutoUpdate = 1: automatic updates are off");
    }
    long options = PowerShellJson.number(p, "AUOptions").orElse(4L);
    return switch ((int) options) {
      case 2 -> b.fail("policy AUOptions = 2: Windows only tells you updates are there");
      case 3 -> b.fail("policy AUOptions = 3: updates download but wait for you to install them");
      case 4 -> b.pass("policy AUOptions = 4: updates install themselves on a schedule");
      default -> b.unknown("policy AUOptions = " + options + ": check Windows Update's settings");
    };
  }

  /** Waiting updates the Windows Update agent rates for security (they carry an MSRC severity). */
  static CheckResult.Builder pending(Collected.Items c) {
    CheckResult.Builder b = new CheckResult.Builder();
    int other = 0;
    for (JsonNode u : c.items()) {
      String severity = u.path("MsrcSeverity").asText("");
      if (u.path("MsrcSeverity").isNull() || severity.isBlank()) {
        other++;
      } else {
        b.fail(severity + ": " + u.path("Title").asText("(untitled update)"));
      }
    }
    if (!b.failing()) {
      b.pass(
          other == 0
              ? "no updates waiting"
              : other + " updates waiting, none of them a security update");
    }
    return b;
  }

  /**
   * The screen locks by itself: the machine's inactivity limit (a policy), else a screen saver that
   * asks for the password within 15 minutes.
   */
  static final class ScreenLock implements Probe {
    @Override
    public String id() {
      return "screen-lock";
    }

    @Override
    public CheckResult run(SystemRoot root) {
      if (PowerShellJson.read(root, LOCK_POLICY) instanceof Collected.Items policy
          && !policy.items().isEmpty()) {
        long secs =
            PowerShellJson.number(policy.items().get(0), "InactivityTimeoutSecs").orElse(0L);
        if (secs > 0 && secs <= MAX_LOCK_SECONDS) {
          return CheckResult.pass(
              id(),
              "policy InactivityTimeoutSecs = " + secs + ": locks after " + secs / 60 + " minutes");
        }
      }
      return switch (PowerShellJson.read(root, SCREEN_SAVER)) {
        case Collected.Missing m -> CheckResult.unknown(id(), SCREEN_SAVER + " was not collected");
        case Collected.Unreadable u -> CheckResult.unknown(id(), SCREEN_SAVER + ": " + u.why());
        case Collected.Items items -> screenSaver(items);
      };
    }

    private CheckResult screenSaver(Collected.Items c) {
      if (c.items().isEmpty()) {
        return CheckResult.unknown(id(), SCREEN_SAVER + " is empty");
      }
      JsonNode d = c.items().get(0);
      List<String> missing = new ArrayList<>();
      if (!PowerShellJson.isTrue(d, "ScreenSaveActive")) {
        missing.add("the screen saver is off (ScreenSaveActive)");
      }
      if (!PowerShellJson.isTrue(d, "ScreenSaverIsSecure")) {
        missing.add("the screen saver does not ask for the password (ScreenSaverIsSecure)");
      }
      long timeout = PowerShellJson.number(d, "ScreenSaveTimeOut").orElse(0L);
      if (timeout <= 0 || timeout > MAX_LOCK_SECONDS) {
        missing.add(
            "the screen saver starts after " + timeout / 60 + " minutes (ScreenSaveTimeOut)");
      }
      return missing.isEmpty()
          ? CheckResult.pass(id(), "screen saver with password after " + timeout / 60 + " minutes")
          : CheckResult.fail(id(), missing);
    }
  }
}
