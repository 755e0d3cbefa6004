package dev.bulwark.stream;

import dev.bulwark.store.Store;
import dev.bulwark.store.StreamAlerts;
import dev.bulwark.store.StreamIncidents;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Writes detections (or incidents) to the team store. Rows are written in batches and at every
 * checkpoint (the writer's flush), so a checkpoint completes only once everything before it is
 * stored; what was written after the last checkpoint is written again on replay, and the
 * deterministic ids make that second write a no-op. At-least-once delivery, exactly-once rows.
 */
final class StoreSink<T> implements Sink<T> {
  private static final long serialVersionUID = 1L;
  private static final int BATCH = 500;

  /** The longest a value waits in a batch before it is written, in milliseconds. */
  private static final long LINGER_MS = 50;

  /** Stores shared by the writers of one JVM, by URL, counted so the last writer closes it. */
  private static final Map<String, Shared> OPEN = new HashMap<>();

  private record Shared(Store store, int users) {}

  private final String url;
  private final String user;
  private final String password;
  private final Put<T> put;

  /** How a batch of values is written: idempotently, by the values' deterministic ids. */
  interface Put<T> extends java.io.Serializable {
    void put(Store store, List<T> batch);
  }

  private StoreSink(String url, String user, String password, Put<T> put) {
    this.url = url;
    this.user = user;
    this.password = password;
    this.put = put;
  }

  /** Detections into {@code stream_alerts}. */
  static StoreSink<Alert> detections(String url, String user, String password) {
    return new StoreSink<>(url, user, password, new PutAlerts());
  }

  /** Incidents into {@code stream_incidents}. */
  static StoreSink<IncidentOut> incidents(String url, String user, String password) {
    return new StoreSink<>(url, user, password, new PutIncidents());
  }

  private static final class PutAlerts implements Put<Alert> {
    private static final long serialVersionUID = 1L;

    @Override
    public void put(Store store, List<Alert> batch) {
      List<StreamAlerts.Row> rows = new ArrayList<>(batch.size());
      for (Alert a : batch) {
        rows.add(
            new StreamAlerts.Row(
                a.id(),
                a.ruleId(),
                a.ruleTitle(),
                a.level(),
                a.time() == null ? null : Instant.parse(a.time()),
                a.source(),
                a.recordId(),
                a.host(),
                a.user(),
                a.correlation(),
                a.summary(),
                AlertJson.write(a),
                null));
      }
      new StreamAlerts(store).put(rows);
    }
  }

  private static final class PutIncidents implements Put<IncidentOut> {
    private static final long serialVersionUID = 1L;

    @Override
    public void put(Store store, List<IncidentOut> batch) {
      List<StreamIncidents.Row> rows = new ArrayList<>(batch.size());
      for (IncidentOut i : batch) {
        rows.add(
            new StreamIncidents.Row(
                i.id(),
                i.title(),
                i.score(),
                i.first() == null ? null : Instant.parse(i.first()),
                i.last() == null ? null : Instant.parse(i.last()),
                i.hosts(),
                i.users(),
                i.detections(),
                i.body(),
                null));
      }
      new StreamIncidents(store).put(rows);
    }
  }

  @Override
  public SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
    return new Writer(acquire(), context.getProcessingTimeService());
  }

  private Store acquire() {
    synchronized (OPEN) {
      Shared s = OPEN.get(url);
      Store store = s == null ? Store.open(url, user, password) : s.store();
      OPEN.put(url, new Shared(store, s == null ? 1 : s.users() + 1));
      return store;
    }
  }

  private void release() {
    synchronized (OPEN) {
      Shared s = OPEN.get(url);
      if (s == null) {
        return;
      }
      if (s.users() <= 1) {
        OPEN.remove(url);
        s.store().close();
      } else {
        OPEN.put(url, new Shared(s.store(), s.users() - 1));
      }
    }
  }

  private final class Writer implements SinkWriter<T> {
    private final Store store;
    private final List<T> batch = new ArrayList<>();

    private final ProcessingTimeService time;

    /**
     * Writes run on a thread of their own: Flink cancels a task by interrupting its thread, and an
     * interrupt that lands in H2's file I/O closes the whole database for every writer in the JVM.
     */
    private final java.util.concurrent.ExecutorService io =
        java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
          Thread t = new Thread(r, "bulwark-stream-store-writer");
          t.setDaemon(true);
          return t;
        });

    Writer(Store store, ProcessingTimeService time) {
      this.store = store;
      this.time = time;
      schedule();
    }

    /** A quiet stream still writes its last values within the linger, not at a checkpoint. */
    private void schedule() {
      time.registerTimer(
          time.getCurrentProcessingTime() + LINGER_MS,
          now -> {
            try {
              flush(false);
            } catch (IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
            schedule();
          });
    }

    @Override
    public void write(T value, Context context) throws IOException, InterruptedException {
      batch.add(value);
      if (batch.size() >= BATCH) {
        flush(false);
      }
    }

    @Override
    public void flush(boolean endOfInput) throws IOException, InterruptedException {
      if (batch.isEmpty()) {
        return;
      }
      List<T> values = List.copyOf(batch);
      try {
        io.submit(() -> put.put(store, values)).get();
      } catch (java.util.concurrent.ExecutionException e) {
        throw new IOException(
            "cannot write to the store: " + e.getCause().getMessage(), e.getCause());
      }
      batch.clear();
    }

    @Override
    public void close() {
      io.shutdown();
      release();
    }
  }
}
