package dev.bulwark.deception.shell;

import dev.bulwark.deception.profile.Profile;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One session's file system: the profile's directories and files in memory, changed only in memory
 * and within a byte budget. Nothing here reads or writes the real disk; a path is a string key.
 */
public final class FakeFs {
  /** A directory or a file. */
  public record Node(boolean dir, byte[] content, String owner, int mode, Instant mtime) {
    public long size() {
      return dir ? 4096 : content.length;
    }
  }

  private static final Instant INSTALLED = Instant.parse("2024-11-28T09:14:00Z");

  private final TreeMap<String, Node> nodes = new TreeMap<>();
  private final long budget;
  private long used;

  /** A fresh copy of the profile's tree; writes beyond {@code budget} bytes fail as a full disk. */
  public FakeFs(Profile profile, long budget) {
    this.budget = budget;
    nodes.put("/", new Node(true, new byte[0], "root", 0755, INSTALLED));
    for (String d : profile.dirs()) {
      mkdirs(d, "root");
    }
    for (Map.Entry<String, byte[]> f : profile.files().entrySet()) {
      mkdirs(parent(f.getKey()), "root");
      nodes.put(f.getKey(), new Node(false, f.getValue(), "root", 0644, INSTALLED));
    }
  }

  /** Resolves {@code path} against {@code cwd}: ".", "..", "~" and repeated slashes. */
  public static String resolve(String cwd, String home, String path) {
    String p = path;
    if (p.equals("~") || p.startsWith("~/")) {
      p = home + p.substring(1);
    }
    String joined = p.startsWith("/") ? p : cwd + "/" + p;
    Deque<String> parts = new ArrayDeque<>();
    for (String s : joined.split("/")) {
      if (s.isEmpty() || s.equals(".")) {
        continue;
      }
      if (s.equals("..")) {
        parts.pollLast();
      } else {
        parts.addLast(s);
      }
    }
    return parts.isEmpty() ? "/" : "/" + String.join("/", parts);
  }

  static String parent(String path) {
    int i = path.lastIndexOf('/');
    return i <= 0 ? "/" : path.substring(0, i);
  }

  static String name(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  private void mkdirs(String path, String owner) {
    if (path.equals("/") || nodes.containsKey(path)) {
      return;
    }
    mkdirs(parent(path), owner);
    nodes.put(path, new Node(true, new byte[0], owner, 0755, INSTALLED));
  }

  public synchronized Node get(String path) {
    return nodes.get(path);
  }

  public synchronized boolean isDir(String path) {
    Node n = nodes.get(path);
    return n != null && n.dir();
  }

  /** The names directly under a directory, sorted. */
  public synchronized List<String> list(String dir) {
    String prefix = dir.equals("/") ? "/" : dir + "/";
    List<String> out = new ArrayList<>();
    for (String k : nodes.tailMap(prefix, false).keySet()) {
      if (!k.startsWith(prefix)) {
        break;
      }
      if (k.indexOf('/', prefix.length()) < 0) {
        out.add(k.substring(prefix.length()));
      }
    }
    return out;
  }

  /** Writes a file; false when its directory is missing or the budget is spent. */
  public synchronized boolean write(String path, byte[] data, boolean append, String owner) {
    if (!isDir(parent(path)) || isDir(path)) {
      return false;
    }
    Node old = nodes.get(path);
    byte[] content = data;
    if (append && old != null) {
      content = new byte[old.content().length + data.length];
      System.arraycopy(old.content(), 0, content, 0, old.content().length);
      System.arraycopy(data, 0, content, old.content().length, data.length);
    }
    long grow = content.length - (old == null ? 0 : old.content().length);
    if (used + grow > budget) {
      return false;
    }
    used += Math.max(0, grow);
    nodes.put(
        path, new Node(false, content, owner, old == null ? 0644 : old.mode(), Instant.now()));
    return true;
  }

  public synchronized boolean mkdir(String path, String owner) {
    if (nodes.containsKey(path) || !isDir(parent(path)) || nodes.size() > 100_000) {
      return false;
    }
    nodes.put(path, new Node(true, new byte[0], owner, 0755, Instant.now()));
    return true;
  }

  /** Removes a path and, when {@code recursive}, everything under it; returns how many went. */
  public synchronized int remove(String path, boolean recursive) {
    Node n = nodes.get(path);
    if (n == null || path.equals("/") && !recursive) {
      return 0;
    }
    if (n.dir() && !recursive) {
      return 0;
    }
    String prefix = path.equals("/") ? "/" : path + "/";
    List<String> gone =
        new ArrayList<>(nodes.subMap(prefix, prefix + Character.MAX_VALUE).keySet());
    if (!path.equals("/")) {
      gone.add(path);
    }
    for (String k : gone) {
      Node r = nodes.remove(k);
      used -= r.dir() ? 0 : Math.min(used, r.content().length);
    }
    return gone.size();
  }

  public synchronized void chmod(String path, int mode) {
    Node n = nodes.get(path);
    if (n != null) {
      nodes.put(path, new Node(n.dir(), n.content(), n.owner(), mode, n.mtime()));
    }
  }
}
