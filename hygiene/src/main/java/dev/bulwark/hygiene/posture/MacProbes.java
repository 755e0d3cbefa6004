package dev.bulwark.hygiene.posture;

import dev.bulwark.hygiene.check.CheckResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * macOS posture from the output of a few built-in commands, saved to files on the Mac (the commands
 * are in docs/checkup.md), plus copies of {@code /etc/ssh} and {@code /etc/sudoers*} read by the
 * same probes as on Linux. Bulwark runs nothing on the Mac: it reads the folder the person brings.
 * A file that was not collected leaves its check unknown.
 */
public final class MacProbes {
  public static final String FILEVAULT = "fdesetup.txt";
  public static final String FIREWALL = "firewall.txt";
  public static final String SCHEDULE = "softwareupdate-schedule.txt";
  public static final String UPDATE_PREFS = "softwareupdate-prefs.txt";
  public static final String UPDATE_LIST = "softwareupdate-list.txt";
  public static final String SCREEN_LOCK = "screen-lock.txt";
  public static final String REMOTE_LOGIN = "remote-login.txt";

  /** Longest delay after the screen saver starts that still counts as locking: 5 minutes. */
  static final int MAX_LOCK_DELAY_SECONDS = 300;

  private static final Pattern LABEL = Pattern.compile("(?m)^\\s*\\*\\s*Label:\\s*(.+)$");
  private static final Pattern OLD_LABEL = Pattern.compile("(?m)^\\s*\\*\\s+(\\S.*)$");
  private static final Pattern DELAY = Pattern.compile("screenLock delay is (\\d+) seconds");

  private MacProbes() {}

  public static List<Probe> all() {
    return List.of(
        probe("disk-encryption", FILEVAULT, MacProbes::fileVault),
        probe("firewall", FIREWALL, MacProbes::firewall),
        probe("auto-updates", SCHEDULE, MacProbes::autoUpdates),
        probe("security-updates", UPDATE_LIST, (t, r) -> waiting(t)),
        probe("screen-lock", SCREEN_LOCK, (t, r) -> screenLock(t)),
        probe("ssh-server", REMOTE_LOGIN, MacProbes::remoteLogin),
        new Sudoers(),
        Probe.notApplicable(
            "antivirus", "macOS's own XProtect looks for known malware and updates itself"));
  }

  private static Probe probe(
      String id, String file, BiFunction<String, SystemRoot, CheckResult.Builder> judge) {
    return Probe.of(
        id,
        root -> {
          Optional<String> text = root.read("/" + file);
          if (text.isEmpty()) {
            return CheckResult.unknown(id, file + " was not collected");
          }
          return judge.apply(text.get(), root).build(id);
        });
  }

  /** {@code fdesetup status}: "FileVault is On." / "FileVault is Off.", with any progress. */
  static CheckResult.Builder fileVault(String text, SystemRoot root) {
    CheckResult.Builder b = new CheckResult.Builder();
    if (text.contains("Decryption in progress")) {
      return b.fail("FileVault is being turned off (decryption in progress)");
    }
    if (text.contains("FileVault is On")) {
      return b.pass(
          text.contains("Encryption in progress")
              ? "FileVault is on (encryption still in progress)"
              : "FileVault is on");
    }
    if (text.contains("FileVault is Off")) {
      return b.fail("FileVault is off");
    }
    return b.unknown(FILEVAULT + ": not the output of fdesetup status");
  }

  /** {@code socketfilterfw --getglobalstate}: "Firewall is enabled. (State = 1)" or disabled. */
  static CheckResult.Builder firewall(String text, SystemRoot root) {
    CheckResult.Builder b = new CheckResult.Builder();
    String t = text.toLowerCase(Locale.ROOT);
    if (t.contains("firewall is disabled") || t.contains("state = 0")) {
      return b.fail("the application firewall is off");
    }
    if (t.contains("firewall is enabled") || t.contains("firewall is blocking")) {
      return b.pass("the application firewall is on");
    }
    return b.unknown(FIREWALL + ": not the output of socketfilterfw --getglobalstate");
  }

  /**
   * {@code softwareupdate --schedule} says whether macOS looks for updates; the preferences ({@code
   * defaults read /Library/Preferences/com.apple.SoftwareUpdate}), when collected, whether security
   * responses and system files install themselves (both on unless set to 0).
   */
  static CheckResult.Builder autoUpdates(String text, SystemRoot root) {
    CheckResult.Builder b = new CheckResult.Builder();
    String t = text.toLowerCase(Locale.ROOT);
    if (t.contains("is off") || t.contains("turned off")) {
      b.fail("macOS does not look for updates by itself");
    } else if (t.contains("is on") || t.contains("turned on")) {
      b.pass("macOS looks for updates by itself");
    } else {
      b.unknown(SCHEDULE + ": not the output of softwareupdate --schedule");
    }
    root.read("/" + UPDATE_PREFS)
        .ifPresent(prefs -> {
          for (String key : List.of("CriticalUpdateInstall", "ConfigDataInstall")) {
            Matcher m = Pattern.compile("\\b" + key + "\\s*=\\s*(\\d+)\\s*;").matcher(prefs);
            if (m.find() && m.group(1).equals("0")) {
              b.fail(key + " = 0: security responses do not install themselves");
            }
          }
        });
    return b;
  }

  /** {@code softwareupdate --list}: "No new software available." or the updates by label. */
  static CheckResult.Builder waiting(String text) {
    CheckResult.Builder b = new CheckResult.Builder();
    if (text.contains("No new software available")) {
      return b.pass("no updates waiting");
    }
    List<String> labels = new ArrayList<>();
    Matcher m = LABEL.matcher(text);
    while (m.find()) {
      labels.add(m.group(1).strip());
    }
    if (labels.isEmpty()) {
      // before macOS 10.15 each update was one "   * name" line
      Matcher old = OLD_LABEL.matcher(text);
      while (old.find()) {
        labels.add(old.group(1).strip());
      }
    }
    if (labels.isEmpty()) {
      return b.unknown(UPDATE_LIST + ": not the output of softwareupdate --list");
    }
    labels.forEach(l -> b.fail("waiting: " + l));
    return b;
  }

  /** {@code sysadminctl -screenLock status}: off, immediate, or a delay in seconds. */
  static CheckResult.Builder screenLock(String text) {
    CheckResult.Builder b = new CheckResult.Builder();
    if (text.contains("screenLock is off")) {
      return b.fail("the screen does not ask for the password when the screen saver starts");
    }
    if (text.contains("screenLock delay is immediate")) {
      return b.pass("the password is asked as soon as the screen saver starts");
    }
    Matcher m = DELAY.matcher(text);
    if (m.find()) {
      int secs = Integer.parseInt(m.group(1));
      return secs <= MAX_LOCK_DELAY_SECONDS
          ? b.pass("the password is asked " + secs + " seconds after the screen saver starts")
          : b.fail(
              "the password is asked only " + secs / 60 + " minutes after the screen saver starts");
    }
    return b.unknown(SCREEN_LOCK + ": not the output of sysadminctl -screenLock status");
  }

  /**
   * {@code systemsetup -getremotelogin}: with Remote Login off there is no SSH server to judge;
   * with it on, the collected {@code etc/ssh/sshd_config} is read as on Linux.
   */
  static CheckResult.Builder remoteLogin(String text, SystemRoot root) {
    CheckResult.Builder b = new CheckResult.Builder();
    if (text.contains("Remote Login: Off")) {
      return b.notApplicable("Remote Login (the SSH server) is off");
    }
    if (!text.contains("Remote Login: On")) {
      return b.unknown(REMOTE_LOGIN + ": not the output of systemsetup -getremotelogin");
    }
    CheckResult ssh = new SshServer().run(root);
    switch (ssh.status()) {
      case FAIL -> ssh.evidence().forEach(b::fail);
      case PASS -> ssh.evidence().forEach(b::pass);
      default ->
          b.unknown("Remote Login is on; copy /etc/ssh into the collected folder to check sshd");
    }
    return b;
  }
}
