package dev.bulwark.deception.session;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * A session transcript as an asciinema v2 cast file: a JSON header line, then one {@code [seconds,
 * "o"|"i", text]} line per output or input chunk. Playable with {@code asciinema play}. Writing
 * stops at a size cap; the file says so in a last output line.
 */
public final class Cast implements Closeable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long MAX_BYTES = 16L << 20;

  private final Path file;
  private final DigestOutputStream out;
  private final long start = System.nanoTime();
  private long size;
  private boolean full;

  private Cast(Path file, DigestOutputStream out) {
    this.file = file;
    this.out = out;
  }

  public static Cast create(Path file, int width, int height, String term) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
    Cast c = new Cast(file, new DigestOutputStream(Files.newOutputStream(file), sha));
    ObjectNode h = JSON.createObjectNode();
    h.put("version", 2);
    h.put("width", width);
    h.put("height", height);
    h.put("timestamp", Instant.now().getEpochSecond());
    h.putObject("env").put("SHELL", "/bin/bash").put("TERM", term);
    c.line(h.toString());
    return c;
  }

  public synchronized void output(String text) {
    event("o", text);
  }

  public synchronized void input(String text) {
    event("i", text);
  }

  private void event(String kind, String text) {
    if (full || text.isEmpty()) {
      return;
    }
    ArrayNode a = JSON.createArrayNode();
    a.add(Math.round((System.nanoTime() - start) / 1e3) / 1e6);
    a.add(kind);
    a.add(text);
    String l = a.toString();
    if (size + l.length() > MAX_BYTES) {
      full = true;
      l = "[" + a.get(0).asText() + ", \"o\", \"\\r\\n[transcript truncated]\\r\\n\"]";
    }
    line(l);
  }

  private void line(String l) {
    try {
      byte[] b = (l + "\n").getBytes(StandardCharsets.UTF_8);
      out.write(b);
      size += b.length;
    } catch (IOException e) {
      full = true;
    }
  }

  public Path file() {
    return file;
  }

  public synchronized long size() {
    return size;
  }

  /** The SHA-256 of what was written; call after {@link #close()}. */
  public String sha256() {
    return HexFormat.of().formatHex(out.getMessageDigest().digest());
  }

  public double seconds() {
    return (System.nanoTime() - start) / 1e9;
  }

  @Override
  public synchronized void close() throws IOException {
    OutputStream o = out;
    o.close();
  }
}
