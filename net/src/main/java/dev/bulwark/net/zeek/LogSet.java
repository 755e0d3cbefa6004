package dev.bulwark.net.zeek;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The logs of one run in one folder, each opened when its first record arrives (Zeek writes no file
 * for a log without records). {@code enabled} limits which logs are written at all.
 */
public final class LogSet implements Closeable {
  private final Path dir;
  private final ZeekLogWriter.Format format;
  private final Set<String> enabled;
  private final Map<String, ZeekLogWriter> open = new LinkedHashMap<>();
  private final Map<String, Long> counts = new LinkedHashMap<>();

  public LogSet(Path dir, ZeekLogWriter.Format format, Set<String> enabled) {
    this.dir = dir;
    this.format = format;
    this.enabled = enabled;
  }

  public boolean wants(String path) {
    return enabled == null || enabled.contains(path);
  }

  /** Sees every record produced, written or not (detections read them). */
  public interface Listener {
    void record(String path, List<Field> fields, Object[] values);
  }

  private Listener listener;

  public void listen(Listener l) {
    this.listener = l;
  }

  public void write(String path, List<Field> fields, Object... values) {
    if (listener != null) {
      listener.record(path, fields, values);
    }
    if (!wants(path)) {
      return;
    }
    try {
      ZeekLogWriter w = open.get(path);
      if (w == null) {
        Files.createDirectories(dir);
        w = new ZeekLogWriter(dir.resolve(path + ".log"), path, fields, format);
        open.put(path, w);
      }
      w.write(values);
      counts.merge(path, 1L, Long::sum);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Keys {@link #once} remembers at most; beyond it a key may be reported again. */
  static final int ONCE_MAX = 100_000;

  private final java.util.Set<String> seen = new java.util.HashSet<>();

  /**
   * Whether {@code key} is new in this run (it is then remembered): for records Zeek writes once
   * per run, such as a certificate in x509.log.
   */
  public boolean once(String key) {
    if (seen.size() >= ONCE_MAX) {
      seen.clear();
    }
    return seen.add(key);
  }

  /** Records written per log, in the order the logs were opened. */
  public Map<String, Long> counts() {
    return Map.copyOf(counts);
  }

  @Override
  public void close() throws IOException {
    for (ZeekLogWriter w : open.values()) {
      w.close();
    }
    open.clear();
  }
}
