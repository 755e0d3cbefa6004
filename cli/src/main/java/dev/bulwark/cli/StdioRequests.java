package dev.bulwark.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;

/**
 * Watches the JSON-RPC lines of an MCP stdio session: counts requests read and answers written, and
 * holds back the end of input. The SDK drops its session, with any answer still being computed, as
 * soon as it reads the end of input; so the end is passed on only after every request read has been
 * answered.
 */
final class StdioRequests {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final AtomicInteger open = new AtomicInteger();
  private final AtomicLong lastActivity = new AtomicLong(System.nanoTime());
  private final CountDownLatch endOfInput = new CountDownLatch(1);
  private final CountDownLatch released = new CountDownLatch(1);

  /** Requests read and not yet answered. */
  int open() {
    return open.get();
  }

  InputStream input(InputStream in) {
    LineSplitter lines = new LineSplitter(this::read);
    return new FilterInputStream(in) {
      @Override
      public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
          lines.accept(new byte[] {(byte) b}, 0, 1);
        }
        return atEnd(b);
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
          lines.accept(b, off, n);
        }
        return atEnd(n);
      }
    };
  }

  OutputStream output(OutputStream out) {
    LineSplitter lines = new LineSplitter(this::written);
    return new FilterOutputStream(out) {
      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        lines.accept(b, off, len);
      }

      @Override
      public void write(int b) throws IOException {
        out.write(b);
        lines.accept(new byte[] {(byte) b}, 0, 1);
      }
    };
  }

  void awaitEndOfInput() throws InterruptedException {
    endOfInput.await();
  }

  /**
   * Waits until every request read has been answered; stops waiting when nothing has been read,
   * written or computed for {@code quiet} although a request is still open.
   */
  void awaitAnswered(IntSupplier running, Duration quiet) throws InterruptedException {
    while (open.get() > 0) {
      if (running.getAsInt() > 0) {
        lastActivity.set(System.nanoTime());
      } else if (System.nanoTime() - lastActivity.get() > quiet.toNanos()) {
        return;
      }
      Thread.sleep(20);
    }
  }

  /** Lets the SDK see the end of input. */
  void release() {
    released.countDown();
  }

  private int atEnd(int n) throws InterruptedIOException {
    if (n < 0) {
      endOfInput.countDown();
      try {
        released.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("stopping");
      }
    }
    return n;
  }

  private void read(String line) {
    JsonNode m = parse(line);
    if (m != null && m.has("method") && m.hasNonNull("id")) {
      open.incrementAndGet();
    }
  }

  private void written(String line) {
    JsonNode m = parse(line);
    if (m != null && !m.has("method") && m.hasNonNull("id")) {
      open.updateAndGet(n -> Math.max(0, n - 1));
    }
  }

  private JsonNode parse(String line) {
    lastActivity.set(System.nanoTime());
    try {
      JsonNode n = JSON.readTree(line);
      return n != null && n.isObject() ? n : null;
    } catch (IOException e) {
      // not JSON-RPC: the SDK answers it with an error or ignores it
      return null;
    }
  }

  /** Collects bytes into lines and hands each complete line on. */
  private static final class LineSplitter {
    private final java.util.function.Consumer<String> sink;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    LineSplitter(java.util.function.Consumer<String> sink) {
      this.sink = sink;
    }

    synchronized void accept(byte[] b, int off, int len) {
      for (int i = off; i < off + len; i++) {
        if (b[i] == '\n') {
          sink.accept(line.toString(java.nio.charset.StandardCharsets.UTF_8));
          line.reset();
        } else {
          line.write(b[i]);
        }
      }
    }
  }
}
