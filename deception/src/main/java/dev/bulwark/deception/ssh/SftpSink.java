package dev.bulwark.deception.ssh;

import dev.bulwark.deception.session.Uploads;
import dev.bulwark.deception.shell.FakeFs;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.channel.ChannelSession;

/**
 * An SFTP version 3 server over the session's {@link FakeFs}: enough of the protocol for {@code
 * sftp} and {@code scp} (which speaks SFTP since OpenSSH 9.0) to browse, read profile files and
 * upload. Uploads are kept in memory up to the size cap, then stored through {@link Uploads} and
 * placed in the fake file system; nothing is written elsewhere and nothing runs.
 */
final class SftpSink extends ChannelCommand {
  private static final int MAX_PACKET = 256 * 1024;

  private static final int INIT = 1;
  private static final int OPEN = 3;
  private static final int CLOSE = 4;
  private static final int READ = 5;
  private static final int WRITE = 6;
  private static final int LSTAT = 7;
  private static final int FSTAT = 8;
  private static final int SETSTAT = 9;
  private static final int FSETSTAT = 10;
  private static final int OPENDIR = 11;
  private static final int READDIR = 12;
  private static final int REMOVE = 13;
  private static final int MKDIR = 14;
  private static final int RMDIR = 15;
  private static final int REALPATH = 16;
  private static final int STAT = 17;

  private static final int OK = 0;
  private static final int EOF = 1;
  private static final int NO_SUCH_FILE = 2;
  private static final int FAILURE = 4;
  private static final int UNSUPPORTED = 8;

  private final Uploads uploads;
  private final Map<String, Handle> handles = new HashMap<>();
  private int nextHandle;

  private static final class Handle {
    final String path;
    final boolean dir;
    final boolean write;
    final ByteArrayOutputStream data = new ByteArrayOutputStream();
    boolean listed;
    boolean overflow;

    Handle(String path, boolean dir, boolean write) {
      this.path = path;
      this.dir = dir;
      this.write = write;
    }
  }

  SftpSink(Uploads uploads) {
    this.uploads = uploads;
  }

  @Override
  protected int run(ChannelSession channel, Environment env) throws IOException {
    Connection c = Connection.of(channel.getSession());
    String user = channel.getSession().getUsername();
    String home = user.equals("root") ? "/root" : "/home/" + user;
    DataInputStream din = new DataInputStream(in);
    try {
      while (true) {
        int len = din.readInt();
        if (len < 1 || len > MAX_PACKET) {
          return 1;
        }
        byte[] body = din.readNBytes(len);
        if (body.length < len) {
          return 0;
        }
        ByteBuffer p = ByteBuffer.wrap(body);
        int type = p.get() & 0xff;
        if (type == INIT) {
          reply(2, null, b -> b.writeInt(3));
          continue;
        }
        int id = p.getInt();
        handle(type, id, p, c, user, home);
      }
    } catch (EOFException | java.nio.BufferUnderflowException e) {
      return 0;
    } finally {
      for (Handle h : handles.values()) {
        if (h.write && !h.overflow) {
          uploads.store(h.data.toByteArray(), h.path, c.events);
        }
      }
    }
  }

  private void handle(int type, int id, ByteBuffer p, Connection c, String user, String home)
      throws IOException {
    FakeFs fs = c.fs;
    switch (type) {
      case REALPATH -> {
        String path = FakeFs.resolve(home, home, string(p));
        name(id, List.of(path), path, fs);
      }
      case STAT, LSTAT -> {
        String path = FakeFs.resolve(home, home, string(p));
        FakeFs.Node n = fs.get(path);
        if (n == null) {
          status(id, NO_SUCH_FILE, "No such file");
        } else {
          reply(105, id, b -> attrs(b, n));
        }
      }
      case FSTAT -> {
        Handle h = handles.get(string(p));
        FakeFs.Node n = h == null ? null : fs.get(h.path);
        if (n == null) {
          status(id, h == null ? FAILURE : NO_SUCH_FILE, "No such file");
        } else {
          reply(105, id, b -> attrs(b, n));
        }
      }
      case OPEN -> {
        String path = FakeFs.resolve(home, home, string(p));
        int flags = p.getInt();
        boolean write = (flags & 2) != 0;
        FakeFs.Node n = fs.get(path);
        if (!write && (n == null || n.dir())) {
          status(id, NO_SUCH_FILE, "No such file");
          return;
        }
        if (write
            && !fs.isDir(
                path.equals("/") ? "/" : path.substring(0, Math.max(1, path.lastIndexOf('/'))))) {
          status(id, NO_SUCH_FILE, "No such file");
          return;
        }
        open(id, new Handle(path, false, write));
        if (write) {
          c.events.emit("cowrie.command.input", "SFTP: put " + path, "input", "sftp put " + path);
        }
      }
      case OPENDIR -> {
        String path = FakeFs.resolve(home, home, string(p));
        if (!fs.isDir(path)) {
          status(id, NO_SUCH_FILE, "No such file");
        } else {
          open(id, new Handle(path, true, false));
        }
      }
      case READDIR -> {
        Handle h = handles.get(string(p));
        if (h == null || !h.dir) {
          status(id, FAILURE, "bad handle");
        } else if (h.listed) {
          status(id, EOF, "End of file");
        } else {
          h.listed = true;
          List<String> names = fs.list(h.path);
          name(id, names, h.path, fs);
        }
      }
      case READ -> {
        Handle h = handles.get(string(p));
        long offset = p.getLong();
        int want = Math.min(p.getInt(), 64 * 1024);
        FakeFs.Node n = h == null ? null : fs.get(h.path);
        if (n == null || n.dir()) {
          status(id, FAILURE, "bad handle");
        } else if (offset >= n.content().length) {
          status(id, EOF, "End of file");
        } else {
          int from = (int) offset;
          int count = Math.min(want, n.content().length - from);
          reply(
              103,
              id,
              b -> {
                b.writeInt(count);
                b.write(n.content(), from, count);
              });
        }
      }
      case WRITE -> {
        Handle h = handles.get(string(p));
        long offset = p.getLong();
        byte[] data = bytes(p);
        if (h == null || !h.write) {
          status(id, FAILURE, "bad handle");
          return;
        }
        if (h.overflow || offset + data.length > uploads.maxBytes()) {
          if (!h.overflow) {
            uploads.refused(h.path, c.events);
          }
          h.overflow = true;
          status(id, FAILURE, "No space left on device");
          return;
        }
        if (offset == h.data.size()) {
          h.data.write(data);
        } else {
          byte[] cur = h.data.toByteArray();
          byte[] next =
              java.util.Arrays.copyOf(cur, (int) Math.max(cur.length, offset + data.length));
          System.arraycopy(data, 0, next, (int) offset, data.length);
          h.data.reset();
          h.data.write(next);
        }
        status(id, OK, "Success");
      }
      case CLOSE -> {
        Handle h = handles.remove(string(p));
        if (h == null) {
          status(id, FAILURE, "bad handle");
          return;
        }
        if (h.write && !h.overflow) {
          byte[] content = h.data.toByteArray();
          uploads.store(content, h.path, c.events);
          fs.write(h.path, content, false, user);
        }
        status(id, OK, "Success");
      }
      case SETSTAT, FSETSTAT -> status(id, OK, "Success");
      case MKDIR ->
          status(id, fs.mkdir(FakeFs.resolve(home, home, string(p)), user) ? OK : FAILURE, "mkdir");
      case REMOVE, RMDIR -> {
        String path = FakeFs.resolve(home, home, string(p));
        status(id, fs.remove(path, false) > 0 ? OK : NO_SUCH_FILE, "remove");
      }
      default -> status(id, UNSUPPORTED, "Operation unsupported");
    }
  }

  private void open(int id, Handle h) throws IOException {
    if (handles.size() >= 64) {
      status(id, FAILURE, "too many open handles");
      return;
    }
    String key = Integer.toString(nextHandle++);
    handles.put(key, h);
    reply(102, id, b -> str(b, key));
  }

  private void name(int id, List<String> names, String dir, FakeFs fs) throws IOException {
    reply(
        104,
        id,
        b -> {
          b.writeInt(names.size());
          for (String n : names) {
            String full = n.startsWith("/") ? n : (dir.equals("/") ? "/" : dir + "/") + n;
            FakeFs.Node node = fs.get(full);
            str(b, n);
            str(
                b,
                (node != null && node.dir() ? "drwxr-xr-x" : "-rw-r--r--")
                    + "    1 root     root     "
                    + (node == null ? 0 : node.size())
                    + " Nov 28 09:14 "
                    + n);
            attrs(b, node);
          }
        });
  }

  private static void attrs(DataOutputStream b, FakeFs.Node n) throws IOException {
    if (n == null) {
      b.writeInt(0);
      return;
    }
    b.writeInt(1 | 2 | 4 | 8);
    b.writeLong(n.size());
    b.writeInt(0);
    b.writeInt(0);
    b.writeInt((n.dir() ? 0040000 : 0100000) | n.mode());
    int t = (int) n.mtime().getEpochSecond();
    b.writeInt(t);
    b.writeInt(t);
  }

  private interface Body {
    void write(DataOutputStream b) throws IOException;
  }

  private void status(int id, int code, String message) throws IOException {
    reply(
        101,
        id,
        b -> {
          b.writeInt(code);
          str(b, message);
          str(b, "");
        });
  }

  private void reply(int type, Integer id, Body body) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    DataOutputStream b = new DataOutputStream(buf);
    b.writeByte(type);
    if (id != null) {
      b.writeInt(id);
    }
    body.write(b);
    b.flush();
    DataOutputStream o = new DataOutputStream(out);
    o.writeInt(buf.size());
    buf.writeTo(o);
    o.flush();
  }

  private static void str(DataOutputStream b, String s) throws IOException {
    byte[] v = s.getBytes(StandardCharsets.UTF_8);
    b.writeInt(v.length);
    b.write(v);
  }

  private static byte[] bytes(ByteBuffer p) {
    int n = p.getInt();
    if (n < 0 || n > p.remaining()) {
      throw new java.nio.BufferUnderflowException();
    }
    byte[] v = new byte[n];
    p.get(v);
    return v;
  }

  private static String string(ByteBuffer p) {
    return new String(bytes(p), StandardCharsets.UTF_8);
  }
}
