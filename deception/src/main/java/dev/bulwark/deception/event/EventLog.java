package dev.bulwark.deception.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The honeypot's event log: one JSON object per line in Cowrie's schema ({@code eventid}, {@code
 * timestamp}, {@code src_ip}, {@code session} …), so Cowrie's consumers and Bulwark's log hunt read
 * it alike. Every line is flushed as it is written: an event is evidence, and a crash must not
 * swallow the last ones.
 */
public final class EventLog implements Closeable {
  /** Cowrie writes microseconds and a Z. */
  static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

  private static final ObjectMapper JSON = new ObjectMapper();

  private final BufferedWriter out;
  private final String sensor;
  private final AtomicLong written = new AtomicLong();
  private volatile Consumer<Map<String, Object>> listener = e -> {};

  private EventLog(BufferedWriter out, String sensor) {
    this.out = out;
    this.sensor = sensor;
  }

  /** Appends to {@code file}, creating it and its directory. */
  public static EventLog append(Path file, String sensor) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    return new EventLog(
        Files.newBufferedWriter(
            file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND),
        sensor);
  }

  /** Also hands every event to {@code l} (for example to forward it as it happens). */
  public void listener(Consumer<Map<String, Object>> l) {
    this.listener = l;
  }

  /** Writes one event; {@code fields} come after eventid, in their order. */
  public void write(String eventid, Map<String, Object> fields) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("eventid", eventid);
    e.putAll(fields);
    e.putIfAbsent("timestamp", TIME.format(Instant.now().truncatedTo(ChronoUnit.MICROS)));
    e.put("sensor", sensor);
    String line;
    try {
      line = JSON.writeValueAsString(e);
    } catch (JsonProcessingException ex) {
      throw new IllegalStateException("event " + eventid + " cannot be written as JSON", ex);
    }
    synchronized (out) {
      try {
        out.write(line);
        out.write('\n');
        out.flush();
      } catch (IOException ex) {
        throw new UncheckedIOException("cannot write the honeypot event log", ex);
      }
    }
    written.incrementAndGet();
    listener.accept(e);
  }

  public long written() {
    return written.get();
  }

  @Override
  public void close() throws IOException {
    synchronized (out) {
      out.close();
    }
  }
}
