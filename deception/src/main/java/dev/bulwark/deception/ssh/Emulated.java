package dev.bulwark.deception.ssh;

import dev.bulwark.deception.config.Limits;
import dev.bulwark.deception.profile.Profile;
import dev.bulwark.deception.session.Cast;
import dev.bulwark.deception.session.Terminal;
import dev.bulwark.deception.shell.Shell;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.channel.ChannelSession;

/** An interactive shell or an {@code exec} request, both answered by the emulated shell. */
final class Emulated extends ChannelCommand {
  private final Profile profile;
  private final Limits limits;
  private final Path ttyDir;
  private final String command;

  /** {@code command} is null for an interactive shell. */
  Emulated(Profile profile, Limits limits, Path ttyDir, String command) {
    this.profile = profile;
    this.limits = limits;
    this.ttyDir = ttyDir;
    this.command = command;
  }

  @Override
  protected int run(ChannelSession channel, Environment env) throws IOException {
    Connection c = Connection.of(channel.getSession());
    String user = channel.getSession().getUsername();
    boolean pty = env.getEnv().containsKey(Environment.ENV_TERM) && !env.getPtyModes().isEmpty();
    int width = number(env.getEnv().get(Environment.ENV_COLUMNS), 80);
    int height = number(env.getEnv().get(Environment.ENV_LINES), 24);
    if (pty) {
      c.events.emit(
          "cowrie.client.size",
          "Terminal Size: " + width + " " + height,
          "width",
          width,
          "height",
          height);
    }
    Shell shell = new Shell(profile, c.fs, user, Listeners.of(c.events));
    int n = c.casts.incrementAndGet();
    String name = c.events.session() + (n == 1 ? "" : "-" + n) + ".cast";
    Cast cast =
        Cast.create(
            ttyDir.resolve(name),
            width,
            height,
            env.getEnv().getOrDefault(Environment.ENV_TERM, "xterm"));
    try {
      Terminal t =
          new Terminal(
              shell, c.events, cast, pty, limits.maxLineLength(), limits.maxInputBytes(), out);
      if (command != null) {
        return t.exec(command);
      }
      t.interact(in);
      return shell.status();
    } finally {
      cast.close();
      c.events.emit(
          "cowrie.log.closed",
          "Closing TTY Log: " + cast.file() + " after " + Math.round(cast.seconds()) + " seconds",
          "ttylog",
          cast.file().toString(),
          "size",
          cast.size(),
          "shasum",
          cast.sha256(),
          "duplicate",
          false,
          "duration",
          cast.seconds());
    }
  }

  private static int number(String v, int fallback) {
    try {
      int n = v == null ? fallback : Integer.parseInt(v);
      return n > 0 && n < 10_000 ? n : fallback;
    } catch (NumberFormatException e) {
      return fallback;
    }
  }
}
