package dev.bulwark.deception.telnet;

import dev.bulwark.deception.config.HoneypotConfig;
import dev.bulwark.deception.event.EventLog;
import dev.bulwark.deception.event.SessionEvents;
import dev.bulwark.deception.profile.Profile;
import dev.bulwark.deception.session.Cast;
import dev.bulwark.deception.session.Credentials;
import dev.bulwark.deception.session.Gate;
import dev.bulwark.deception.session.Terminal;
import dev.bulwark.deception.shell.FakeFs;
import dev.bulwark.deception.shell.Shell;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The Telnet honeypot: Debian's {@code login:} and {@code Password:} prompts, the same accept rules
 * and emulated shell as SSH, Telnet option negotiation stripped from the input. Events carry {@code
 * protocol: telnet}.
 */
public final class TelnetHoneypot implements Closeable {
  private static final int IAC = 255;

  private final ServerSocket server;
  private final ScheduledExecutorService timers;

  private TelnetHoneypot(ServerSocket server, ScheduledExecutorService timers) {
    this.server = server;
    this.timers = timers;
  }

  public static TelnetHoneypot start(
      HoneypotConfig config, Profile profile, EventLog log, Gate gate, Credentials credentials)
      throws IOException {
    ServerSocket server = new ServerSocket();
    server.bind(
        new InetSocketAddress(InetAddress.getByName(config.bind()), config.telnetPort()), 128);
    ScheduledExecutorService timers =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("telnet-timers").factory());
    TelnetHoneypot t = new TelnetHoneypot(server, timers);
    Thread.ofPlatform()
        .daemon()
        .name("telnet-accept")
        .start(() -> {
          while (!server.isClosed()) {
            try {
              Socket s = server.accept();
              Thread.ofVirtual().start(() -> t.serve(s, config, profile, log, gate, credentials));
            } catch (IOException e) {
              // closed, or one failed accept: the loop condition decides
            }
          }
        });
    return t;
  }

  public int port() {
    return server.getLocalPort();
  }

  private void serve(
      Socket s,
      HoneypotConfig config,
      Profile profile,
      EventLog log,
      Gate gate,
      Credentials credentials) {
    SessionEvents ev =
        new SessionEvents(log, "telnet", s.getRemoteSocketAddress(), s.getLocalSocketAddress());
    long opened = System.nanoTime();
    ev.emit(
        "cowrie.session.connect",
        "New connection: " + ev.srcIp() + " [session: " + ev.session() + "]");
    boolean admitted = gate.admit(ev.srcIp());
    ScheduledFuture<?> deadline = null;
    try (s) {
      if (!admitted) {
        ev.emit(
            "bulwark.session.limit",
            "connection refused: connection limit reached",
            "limit",
            "connections");
        return;
      }
      deadline =
          timers.schedule(
              () -> {
                ev.emit("bulwark.session.limit", "session time limit reached", "limit", "duration");
                try {
                  s.close();
                } catch (IOException ignored) {
                  // already gone
                }
              },
              config.limits().maxDuration().toMillis(),
              TimeUnit.MILLISECONDS);
      s.setSoTimeout((int) Math.min(Integer.MAX_VALUE, config.limits().idleTimeout().toMillis()));
      InputStream in = new Unwrapped(s.getInputStream());
      OutputStream out = s.getOutputStream();
      // WILL ECHO, WILL SUPPRESS-GO-AHEAD: the server echoes, as in.telnetd does
      out.write(new byte[] {(byte) IAC, (byte) 251, 1, (byte) IAC, (byte) 251, 3});
      out.write(("\r\n" + profile.hostname() + " login: ").getBytes(StandardCharsets.UTF_8));
      String user = null;
      for (int attempt = 0; attempt < 3 && user == null; attempt++) {
        String u = line(in, out, true);
        if (u == null) {
          return;
        }
        out.write("Password: ".getBytes(StandardCharsets.UTF_8));
        String p = line(in, out, false);
        if (p == null) {
          return;
        }
        out.write("\r\n".getBytes(StandardCharsets.UTF_8));
        boolean ok = credentials.password(ev.srcIp(), u, p);
        ev.emit(
            ok ? "cowrie.login.success" : "cowrie.login.failed",
            "login attempt [" + u + "/" + p + "] " + (ok ? "succeeded" : "failed"),
            "username",
            u,
            "password",
            p);
        if (ok) {
          user = u;
        } else {
          out.write(
              ("\r\nLogin incorrect\r\n" + profile.hostname() + " login: ")
                  .getBytes(StandardCharsets.UTF_8));
        }
      }
      if (user == null) {
        return;
      }
      Shell shell =
          new Shell(profile, new FakeFs(profile, config.limits().maxFsBytes()), user, listener(ev));
      Cast cast =
          Cast.create(
              config.data().resolve("tty").resolve(ev.session() + ".cast"), 80, 24, "xterm");
      try {
        new Terminal(
                shell,
                ev,
                cast,
                true,
                config.limits().maxLineLength(),
                config.limits().maxInputBytes(),
                out)
            .interact(in);
      } finally {
        cast.close();
        ev.emit(
            "cowrie.log.closed",
            "Closing TTY Log: " + cast.file(),
            "ttylog",
            cast.file().toString(),
            "size",
            cast.size(),
            "shasum",
            cast.sha256(),
            "duration",
            cast.seconds());
      }
    } catch (IOException e) {
      // the attacker hung up or went idle
    } finally {
      if (deadline != null) {
        deadline.cancel(false);
      }
      if (admitted) {
        gate.release(ev.srcIp());
      }
      ev.emit(
          "cowrie.session.closed",
          "Connection lost",
          "duration",
          (System.nanoTime() - opened) / 1e9);
    }
  }

  private static Shell.Listener listener(SessionEvents ev) {
    return new Shell.Listener() {
      @Override
      public void unknown(String input) {
        ev.emit("cowrie.command.failed", "Command not found: " + input, "input", input);
      }

      @Override
      public void download(String url, String outfile) {
        ev.emit(
            "cowrie.session.file_download",
            "Download attempt of " + url + " recorded; nothing was fetched",
            "url",
            url,
            "outfile",
            outfile,
            "destfile",
            outfile);
      }
    };
  }

  /** Reads a log-in line, echoing it when asked; at most 256 bytes are kept. */
  private static String line(InputStream in, OutputStream out, boolean echo) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (int c; (c = in.read()) >= 0; ) {
      if (c == '\r' || c == '\n') {
        if (c == '\r') {
          in.mark(1);
        }
        if (echo) {
          out.write("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        if (b.size() == 0 && c == '\n') {
          continue;
        }
        return b.toString(StandardCharsets.UTF_8);
      }
      if (c == 0 || c < 0x20) {
        continue;
      }
      if (b.size() < 256) {
        b.write(c);
        if (echo) {
          out.write(c);
        }
      }
    }
    return null;
  }

  /** The data bytes of a Telnet stream: option negotiation and sub-negotiation removed. */
  static final class Unwrapped extends FilterInputStream {
    Unwrapped(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      while (true) {
        int c = super.read();
        if (c != IAC) {
          return c;
        }
        int cmd = super.read();
        if (cmd == IAC || cmd < 0) {
          return cmd;
        }
        if (cmd >= 251 && cmd <= 254) {
          super.read();
        } else if (cmd == 250) {
          int prev = 0;
          for (int x; (x = super.read()) >= 0; prev = x) {
            if (prev == IAC && x == 240) {
              break;
            }
          }
        }
      }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      int c = read();
      if (c < 0) {
        return -1;
      }
      b[off] = (byte) c;
      int n = 1;
      while (n < len && in.available() > 0) {
        c = read();
        if (c < 0) {
          break;
        }
        b[off + n++] = (byte) c;
      }
      return n;
    }
  }

  @Override
  public void close() throws IOException {
    try {
      server.close();
    } finally {
      timers.shutdownNow();
    }
  }
}
