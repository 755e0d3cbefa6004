package dev.bulwark.hygiene.posture;

import java.util.List;

/** The built-in probes, in the order the check-up runs them. */
public final class Probes {
  private Probes() {}

  /**
   * Every built-in probe for Linux; {@code history} decides what counts as a secret in shell
   * history.
   */
  public static List<Probe> all(HistorySecrets history) {
    return List.of(
        new DiskEncryption(),
        new ScreenLock(),
        new AutoUpdates(),
        new SecurityUpdates(),
        new Firewall(),
        new SshServer(),
        new ListeningServices(),
        new Sudoers(),
        new PathWorldWritable(),
        new BrowserExtensions(),
        new SshKeyPassphrase(),
        new GitCredentialsPlaintext(),
        new ShellHistorySecrets(history),
        // Linux desktops are kept safe by updates and the firewall; no virus scanner is asked
        Probe.notApplicable(
            "antivirus", "not judged on Linux: updates and the firewall protect it"));
  }
}
