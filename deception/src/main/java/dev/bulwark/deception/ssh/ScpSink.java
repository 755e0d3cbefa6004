package dev.bulwark.deception.ssh;

import dev.bulwark.deception.session.Uploads;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.channel.ChannelSession;

/**
 * The receiving end of legacy SCP ({@code scp -t}): reads file headers and contents, stores each
 * file through {@link Uploads}, and acknowledges as scp does. Files never reach the shell's file
 * system as runnable programs; directories and times are acknowledged and ignored.
 */
final class ScpSink extends ChannelCommand {
  private final Uploads uploads;

  ScpSink(Uploads uploads) {
    this.uploads = uploads;
  }

  @Override
  protected int run(ChannelSession channel, Environment env) throws IOException {
    Connection c = Connection.of(channel.getSession());
    ack();
    while (true) {
      String header = line();
      if (header == null) {
        return 0;
      }
      if (header.isEmpty()) {
        continue;
      }
      char kind = header.charAt(0);
      if (kind == 'T' || kind == 'D' || kind == 'E') {
        ack();
        continue;
      }
      if (kind != 'C') {
        fail("scp: protocol error: unexpected <" + header.charAt(0) + ">");
        return 1;
      }
      String[] parts = header.split(" ", 3);
      long size;
      try {
        size = Long.parseLong(parts[1]);
      } catch (RuntimeException e) {
        fail("scp: protocol error: bad size");
        return 1;
      }
      String name = parts.length > 2 ? parts[2] : "unnamed";
      if (size < 0 || size > uploads.maxBytes()) {
        uploads.refused(name, c.events);
        fail("scp: " + name + ": No space left on device");
        return 1;
      }
      ack();
      byte[] data = in.readNBytes((int) size);
      if (data.length < size) {
        return 1;
      }
      in.read();
      uploads.store(data, name, c.events);
      ack();
    }
  }

  private void ack() throws IOException {
    out.write(0);
    out.flush();
  }

  private void fail(String message) throws IOException {
    out.write(2);
    out.write((message + "\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private String line() throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (int ch; (ch = in.read()) >= 0; ) {
      if (ch == '\n') {
        return b.toString(StandardCharsets.UTF_8);
      }
      if (b.size() < 4096) {
        b.write(ch);
      }
    }
    return b.size() == 0 ? null : b.toString(StandardCharsets.UTF_8);
  }
}
