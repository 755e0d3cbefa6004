package dev.bulwark.deception.ssh;

import dev.bulwark.deception.config.HoneypotConfig;
import dev.bulwark.deception.event.EventLog;
import dev.bulwark.deception.event.SessionEvents;
import dev.bulwark.deception.profile.Profile;
import dev.bulwark.deception.profile.ProfileException;
import dev.bulwark.deception.session.Credentials;
import dev.bulwark.deception.session.Gate;
import dev.bulwark.deception.session.Uploads;
import dev.bulwark.deception.shell.FakeFs;
import java.io.Closeable;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.kex.KexProposalOption;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.auth.password.UserAuthPasswordFactory;
import org.apache.sshd.server.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.server.forward.TcpForwardingFilter;
import org.apache.sshd.server.subsystem.SubsystemFactory;

/**
 * The SSH honeypot on Apache MINA SSHD: the profile's identification string and algorithm lists,
 * log-ins decided by the accept rules, shells and {@code exec} requests answered by the emulated
 * shell, SCP and SFTP uploads stored as evidence, port forwarding recorded and refused, agent and
 * X11 forwarding refused. Every step is a Cowrie event.
 */
public final class SshHoneypot implements Closeable {
  private final SshServer sshd;
  private final ScheduledExecutorService timers;

  private SshHoneypot(SshServer sshd, ScheduledExecutorService timers) {
    this.sshd = sshd;
    this.timers = timers;
  }

  public static SshHoneypot start(
      HoneypotConfig config, Profile profile, EventLog log, Gate gate, Credentials credentials)
      throws IOException, ProfileException {
    SshServer sshd = SshServer.setUpDefaultServer();
    sshd.setHost(config.bind());
    sshd.setPort(config.sshPort());
    Algorithms.apply(sshd, profile.ssh());
    sshd.setKeyPairProvider(
        KeyPairProvider.wrap(HostKeys.loadOrCreate(config.data().resolve("hostkeys"))));
    CoreModuleProperties.SERVER_IDENTIFICATION.set(sshd, profile.ssh().softwareVersion());
    CoreModuleProperties.IDLE_TIMEOUT.set(sshd, config.limits().idleTimeout());
    // MINA listens with Java's default backlog of 50: a burst of more connections than that (a
    // scanner's sweep) is reset by the kernel before the gate can count or record it. The queue
    // holds as many as the connection limit admits; the gate still turns away what is over.
    CoreModuleProperties.SOCKET_BACKLOG.set(sshd, config.limits().maxConnections());
    CoreModuleProperties.AUTH_TIMEOUT.set(sshd, java.time.Duration.ofSeconds(120));
    CoreModuleProperties.MAX_AUTH_REQUESTS.set(sshd, 6);
    CoreModuleProperties.MAX_CONCURRENT_CHANNELS.set(
        sshd, config.limits().maxSessionsPerConnection());
    sshd.setUserAuthFactories(
        List.of(UserAuthPublicKeyFactory.INSTANCE, UserAuthPasswordFactory.INSTANCE));
    sshd.setKeyboardInteractiveAuthenticator(null);
    ScheduledExecutorService timers =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("honeypot-timers").factory());
    Uploads uploads =
        new Uploads(config.data().resolve("uploads"), config.limits().maxUploadBytes());
    java.nio.file.Path tty = config.data().resolve("tty");

    sshd.addSessionListener(
        new SessionListener() {
          @Override
          public void sessionCreated(Session s) {
            SessionEvents ev =
                new SessionEvents(
                    log,
                    "ssh",
                    s.getIoSession().getRemoteAddress(),
                    s.getIoSession().getLocalAddress());
            boolean admitted = gate.admit(ev.srcIp());
            Connection c =
                new Connection(ev, new FakeFs(profile, config.limits().maxFsBytes()), admitted);
            s.setAttribute(Connection.KEY, c);
            ev.emit(
                "cowrie.session.connect",
                "New connection: " + ev.srcIp() + " [session: " + ev.session() + "]");
            if (!admitted) {
              ev.emit(
                  "bulwark.session.limit",
                  "connection refused: connection limit reached",
                  "limit",
                  "connections");
              s.close(true);
              return;
            }
            c.deadline =
                timers.schedule(
                    () -> {
                      ev.emit(
                          "bulwark.session.limit",
                          "session time limit reached",
                          "limit",
                          "duration");
                      s.close(true);
                    },
                    config.limits().maxDuration().toMillis(),
                    TimeUnit.MILLISECONDS);
          }

          @Override
          public void sessionPeerIdentificationReceived(
              Session s, String version, List<String> extra) {
            Connection.of(s)
                .events
                .emit(
                    "cowrie.client.version", "Remote SSH version: " + version, "version", version);
          }

          @Override
          public void sessionNegotiationEnd(
              Session s,
              Map<KexProposalOption, String> client,
              Map<KexProposalOption, String> server,
              Map<KexProposalOption, String> negotiated,
              Throwable reason) {
            if (client == null || client.isEmpty()) {
              return;
            }
            String kex = client.getOrDefault(KexProposalOption.ALGORITHMS, "");
            String enc = client.getOrDefault(KexProposalOption.C2SENC, "");
            String mac = client.getOrDefault(KexProposalOption.C2SMAC, "");
            String comp = client.getOrDefault(KexProposalOption.C2SCOMP, "");
            String algorithms = kex + ";" + enc + ";" + mac + ";" + comp;
            Connection.of(s)
                .events
                .emit(
                    "cowrie.client.kex",
                    "SSH client hassh fingerprint: " + md5(algorithms),
                    "hassh",
                    md5(algorithms),
                    "hasshAlgorithms",
                    algorithms,
                    "kexAlgs",
                    List.of(kex.split(",")),
                    "keyAlgs",
                    List.of(client.getOrDefault(KexProposalOption.SERVERKEYS, "").split(",")),
                    "encCS",
                    List.of(enc.split(",")),
                    "macCS",
                    List.of(mac.split(",")),
                    "compCS",
                    List.of(comp.split(",")));
          }

          @Override
          public void sessionClosed(Session s) {
            Connection c = s.getAttribute(Connection.KEY);
            if (c == null) {
              return;
            }
            if (c.deadline != null) {
              c.deadline.cancel(false);
            }
            double seconds = (System.nanoTime() - c.opened) / 1e9;
            c.events.emit(
                "cowrie.session.closed",
                "Connection lost after " + Math.round(seconds) + " seconds",
                "duration",
                seconds);
            if (c.admitted) {
              gate.release(c.events.srcIp());
            }
          }
        });

    sshd.setPasswordAuthenticator((user, password, session) -> {
      Connection c = Connection.of(session);
      boolean ok = credentials.password(c.events.srcIp(), user, password);
      c.events.emit(
          ok ? "cowrie.login.success" : "cowrie.login.failed",
          "login attempt [" + user + "/" + password + "] " + (ok ? "succeeded" : "failed"),
          "username",
          user,
          "password",
          password);
      return ok;
    });
    sshd.setPublickeyAuthenticator((user, key, session) -> {
      Connection c = Connection.of(session);
      String fp = KeyUtils.getFingerPrint(key);
      if (c.offeredKeys.add(user + " " + fp)) {
        c.events.emit(
            "cowrie.client.fingerprint",
            "public key attempt for user "
                + user
                + " of type "
                + KeyUtils.getKeyType(key)
                + " with fingerprint "
                + fp,
            "username",
            user,
            "fingerprint",
            fp,
            "key",
            publicKeyText(key),
            "type",
            KeyUtils.getKeyType(key));
      }
      boolean ok = credentials.publickey(user);
      if (ok && c.offeredKeys.add("ok " + user + " " + fp)) {
        c.events.emit(
            "cowrie.login.success",
            "login with public key for " + user + " succeeded",
            "username",
            user,
            "fingerprint",
            fp);
      }
      return ok;
    });
    sshd.setShellFactory(channel -> new Emulated(profile, config.limits(), tty, null));
    sshd.setCommandFactory((channel, command) -> {
      if (command.startsWith("scp ") && List.of(command.split(" ")).contains("-t")) {
        Connection.of(channel.getSession())
            .events
            .emit("cowrie.command.input", "CMD: " + command, "input", command);
        return new ScpSink(uploads);
      }
      return new Emulated(profile, config.limits(), tty, command);
    });
    sshd.setSubsystemFactories(
        List.of(
            new SubsystemFactory() {
              @Override
              public String getName() {
                return "sftp";
              }

              @Override
              public org.apache.sshd.server.command.Command createSubsystem(
                  org.apache.sshd.server.channel.ChannelSession channel) {
                return new SftpSink(uploads);
              }
            }));
    sshd.setForwardingFilter(
        org.apache.sshd.server.forward.ForwardingFilter.asForwardingFilter(
            (session, requestType) -> false,
            (session, requestType) -> false,
            new TcpForwardingFilter() {
              @Override
              public boolean canListen(SshdSocketAddress address, Session session) {
                Connection.of(session)
                    .events
                    .emit(
                        "cowrie.tcpip-forward.request",
                        "remote forward request to listen on "
                            + address.getHostName()
                            + ":"
                            + address.getPort()
                            + " refused",
                        "dst_ip",
                        address.getHostName(),
                        "dst_port",
                        address.getPort());
                return false;
              }

              @Override
              public boolean canConnect(Type type, SshdSocketAddress address, Session session) {
                Connection.of(session)
                    .events
                    .emit(
                        "cowrie.direct-tcpip.request",
                        "direct-tcp connection request to "
                            + address.getHostName()
                            + ":"
                            + address.getPort()
                            + " refused",
                        "dst_ip",
                        address.getHostName(),
                        "dst_port",
                        address.getPort());
                return false;
              }
            }));
    sshd.start();
    return new SshHoneypot(sshd, timers);
  }

  public int port() {
    return sshd.getPort();
  }

  public int activeSessions() {
    return sshd.getActiveSessions().size();
  }

  static String md5(String s) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no MD5", e);
    }
  }

  private static String publicKeyText(PublicKey key) {
    try {
      return org.apache.sshd.common.config.keys.PublicKeyEntry.toString(key);
    } catch (RuntimeException e) {
      return new BigInteger(1, key.getEncoded()).toString(16);
    }
  }

  @Override
  public void close() throws IOException {
    try {
      sshd.stop(true);
    } finally {
      timers.shutdownNow();
    }
  }
}
