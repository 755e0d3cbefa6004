package dev.bulwark.deception.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;

/** A channel's program, run on a virtual thread of its own; its status ends the channel. */
abstract class ChannelCommand implements Command {
  protected InputStream in;
  protected OutputStream out;
  protected OutputStream err;
  private ExitCallback exit;
  private Thread thread;

  @Override
  public void setInputStream(InputStream in) {
    this.in = in;
  }

  @Override
  public void setOutputStream(OutputStream out) {
    this.out = out;
  }

  @Override
  public void setErrorStream(OutputStream err) {
    this.err = err;
  }

  @Override
  public void setExitCallback(ExitCallback callback) {
    this.exit = callback;
  }

  @Override
  public void start(ChannelSession channel, Environment env) throws IOException {
    thread =
        Thread.ofVirtual()
            .name("honeypot-channel")
            .start(() -> {
              int status = 0;
              try {
                status = run(channel, env);
              } catch (IOException | RuntimeException e) {
                status = 255;
              } finally {
                try {
                  out.flush();
                } catch (IOException ignored) {
                  // the peer is gone; the exit status below closes the channel anyway
                }
                exit.onExit(status);
              }
            });
  }

  protected abstract int run(ChannelSession channel, Environment env) throws IOException;

  @Override
  public void destroy(ChannelSession channel) {
    if (thread != null) {
      thread.interrupt();
    }
  }
}
