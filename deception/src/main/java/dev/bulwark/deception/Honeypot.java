package dev.bulwark.deception;

import dev.bulwark.deception.config.HoneypotConfig;
import dev.bulwark.deception.event.EventLog;
import dev.bulwark.deception.http.HttpHoneypot;
import dev.bulwark.deception.profile.Profile;
import dev.bulwark.deception.profile.ProfileException;
import dev.bulwark.deception.session.Credentials;
import dev.bulwark.deception.session.Gate;
import dev.bulwark.deception.ssh.SshHoneypot;
import dev.bulwark.deception.telnet.TelnetHoneypot;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The running honeypot: SSH, Telnet and HTTP decoys of one profile, sharing one event log, one set
 * of accept rules and one connection gate (so the limits hold across services).
 */
public final class Honeypot implements Closeable {
  private final HoneypotConfig config;
  private final EventLog log;
  private final SshHoneypot ssh;
  private final TelnetHoneypot telnet;
  private final HttpHoneypot http;
  private final List<Closeable> others;

  private Honeypot(
      HoneypotConfig config,
      EventLog log,
      SshHoneypot ssh,
      TelnetHoneypot telnet,
      HttpHoneypot http,
      List<Closeable> others) {
    this.config = config;
    this.http = http;
    this.telnet = telnet;
    this.log = log;
    this.ssh = ssh;
    this.others = others;
  }

  public static Honeypot start(HoneypotConfig config) throws IOException, ProfileException {
    Profile profile = Profile.builtIn(config.profile());
    EventLog log = EventLog.append(config.events(), profile.hostname());
    Gate gate = new Gate(config.limits());
    Credentials credentials = new Credentials(config.accept());
    List<Closeable> others = new ArrayList<>();
    SshHoneypot ssh = null;
    TelnetHoneypot telnet = null;
    HttpHoneypot http = null;
    try {
      if (config.sshPort() >= 0) {
        ssh = SshHoneypot.start(config, profile, log, gate, credentials);
      }
      if (config.telnetPort() >= 0) {
        TelnetHoneypot t = TelnetHoneypot.start(config, profile, log, gate, credentials);
        others.add(t);
        telnet = t;
      }
      if (config.httpPort() >= 0) {
        HttpHoneypot w = HttpHoneypot.start(config, log, gate);
        others.add(w);
        http = w;
      }
      return new Honeypot(config, log, ssh, telnet, http, others);
    } catch (IOException | ProfileException | RuntimeException e) {
      if (ssh != null) {
        ssh.close();
      }
      for (Closeable c : others) {
        c.close();
      }
      log.close();
      throw e;
    }
  }

  public HoneypotConfig config() {
    return config;
  }

  /** The SSH port actually bound, or -1 when SSH is off. */
  public int sshPort() {
    return ssh == null ? -1 : ssh.port();
  }

  /** The Telnet port actually bound, or -1 when Telnet is off. */
  public int telnetPort() {
    return telnet == null ? -1 : telnet.port();
  }

  /** The HTTP decoy's port actually bound, or -1 when it is off. */
  public int httpPort() {
    return http == null ? -1 : http.port();
  }

  public EventLog events() {
    return log;
  }

  @Override
  public void close() throws IOException {
    try {
      if (ssh != null) {
        ssh.close();
      }
      for (Closeable c : others) {
        c.close();
      }
    } finally {
      log.close();
    }
  }
}
