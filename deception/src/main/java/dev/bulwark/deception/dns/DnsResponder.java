package dev.bulwark.deception.dns;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The canary DNS responder: authoritative for one zone over UDP, it answers as {@link CanaryZone}
 * says and reports each lookup of a canary name to {@link Lookups}. It binds the address it is
 * given (127.0.0.1 unless configured otherwise), answers at most {@link Limits#perAddress} messages
 * per source address and {@link Limits#overall} in all per second (the rest get no answer, so it
 * cannot be used to reflect traffic at someone), and hands lookups to a bounded queue read by one
 * worker, so a slow store never holds up answers and a flood never grows memory.
 */
public final class DnsResponder implements AutoCloseable {
  /** Who is told of a canary lookup: the token, and the address the query came from. */
  @FunctionalInterface
  public interface Lookups {
    void lookup(String token, String resolver, String name, int type);
  }

  /** Answers per second per source address and overall; lookups waiting to be reported. */
  public record Limits(int perAddress, int overall, int queue) {
    public Limits {
      if (perAddress < 1 || overall < perAddress || queue < 1) {
        throw new IllegalArgumentException("limits must be positive, overall at least per address");
      }
    }

    public static Limits defaults() {
      return new Limits(20, 500, 1024);
    }
  }

  /** Addresses tracked at once; past this, new addresses get no answer until a second passes. */
  static final int MAX_TRACKED = 10_000;

  /** Put on the report queue by {@link #close}: the reporter ends when it takes it. */
  private static final Runnable STOP = () -> {};

  private final CanaryZone zone;
  private final DatagramChannel channel;
  private final Lookups lookups;
  private final Limits limits;
  private final LongSupplier nanos;
  private final BlockingQueue<Runnable> reports;
  private final Thread reader;
  private final Thread reporter;
  private final AtomicLong answered = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong unreported = new AtomicLong();
  private final Map<String, int[]> perAddress = new HashMap<>();
  private long windowStart;
  private int windowTotal;
  private volatile boolean closed;

  private DnsResponder(
      CanaryZone zone,
      DatagramChannel channel,
      Lookups lookups,
      Limits limits,
      LongSupplier nanos,
      java.util.function.Consumer<String> log) {
    this.zone = zone;
    this.channel = channel;
    this.lookups = lookups;
    this.limits = limits;
    this.nanos = nanos;
    this.reports = new ArrayBlockingQueue<>(limits.queue());
    this.windowStart = nanos.getAsLong();
    this.reader = Thread.ofVirtual().name("canary-dns").unstarted(() -> serve(log));
    this.reporter = Thread.ofVirtual().name("canary-dns-report").unstarted(() -> report(log));
  }

  /**
   * Starts a responder for {@code zone} on {@code host}:{@code port} (port 0 picks a free one).
   * {@code nanos} is the clock the rate limits count seconds on; {@code log} takes one line per
   * problem.
   */
  public static DnsResponder start(
      CanaryZone zone,
      String host,
      int port,
      Lookups lookups,
      Limits limits,
      LongSupplier nanos,
      java.util.function.Consumer<String> log)
      throws IOException {
    DatagramChannel ch = DatagramChannel.open();
    try {
      ch.bind(new InetSocketAddress(InetAddress.getByName(host), port));
    } catch (IOException e) {
      ch.close();
      throw new IOException(
          "cannot listen for DNS on " + host + ":" + port + ": " + e.getMessage(), e);
    }
    DnsResponder r = new DnsResponder(zone, ch, lookups, limits, nanos, log);
    r.reader.start();
    r.reporter.start();
    return r;
  }

  public static DnsResponder start(
      CanaryZone zone,
      String host,
      int port,
      Lookups lookups,
      java.util.function.Consumer<String> log)
      throws IOException {
    return start(zone, host, port, lookups, Limits.defaults(), System::nanoTime, log);
  }

  public InetSocketAddress address() throws IOException {
    return (InetSocketAddress) channel.getLocalAddress();
  }

  public CanaryZone zone() {
    return zone;
  }

  /** Messages answered so far. */
  public long answered() {
    return answered.get();
  }

  /** Messages left unanswered by the rate limits so far. */
  public long dropped() {
    return dropped.get();
  }

  /** Lookups not reported because the queue was full. */
  public long unreported() {
    return unreported.get();
  }

  private void serve(java.util.function.Consumer<String> log) {
    // one byte more than the largest message read, so a longer datagram shows as one
    ByteBuffer in = ByteBuffer.allocate(DnsQuery.MAX_MESSAGE + 1);
    while (!closed) {
      SocketAddress from;
      try {
        in.clear();
        from = channel.receive(in);
      } catch (ClosedChannelException e) {
        return;
      } catch (IOException e) {
        if (closed) {
          return;
        }
        log.accept("canary DNS: " + e.getMessage());
        continue;
      }
      if (!(from instanceof InetSocketAddress src)) {
        continue;
      }
      String address = src.getAddress().getHostAddress();
      if (!allow(address)) {
        dropped.incrementAndGet();
        continue;
      }
      CanaryZone.Reply reply = zone.answer(in.array(), in.position());
      if (reply.bytes() != null) {
        // counted before it goes: the asker may read the count as soon as the reply arrives
        answered.incrementAndGet();
        try {
          channel.send(ByteBuffer.wrap(reply.bytes()), src);
        } catch (IOException e) {
          answered.decrementAndGet();
          if (closed) {
            return;
          }
          log.accept("canary DNS: cannot answer " + address + ": " + e.getMessage());
        }
      }
      if (reply.token() != null) {
        String token = reply.token();
        String name = reply.name();
        int type = reply.type();
        if (!reports.offer(() -> lookups.lookup(token, address, name, type))) {
          unreported.incrementAndGet();
        }
      }
    }
  }

  private void report(java.util.function.Consumer<String> log) {
    while (true) {
      Runnable r;
      try {
        r = reports.take();
      } catch (InterruptedException e) {
        return;
      }
      if (r == STOP) {
        return;
      }
      try {
        r.run();
      } catch (RuntimeException e) {
        log.accept("canary DNS: a lookup was not recorded: " + e.getMessage());
      }
    }
  }

  /** Whether one more answer to {@code address} fits this second's limits (reader thread only). */
  boolean allow(String address) {
    long now = nanos.getAsLong();
    if (now - windowStart >= 1_000_000_000L) {
      windowStart = now;
      windowTotal = 0;
      perAddress.clear();
    }
    if (windowTotal >= limits.overall()) {
      return false;
    }
    int[] n = perAddress.get(address);
    if (n == null) {
      if (perAddress.size() >= MAX_TRACKED) {
        return false;
      }
      n = new int[1];
      perAddress.put(address, n);
    }
    if (n[0] >= limits.perAddress()) {
      return false;
    }
    n[0]++;
    windowTotal++;
    return true;
  }

  /**
   * Stops answering, drops the lookups not yet reported, and waits for the one being reported. The
   * reporter is never interrupted: it may be writing to a store (an embedded database closes its
   * files when a thread is interrupted in the middle of their I/O).
   */
  @Override
  public void close() {
    closed = true;
    try {
      channel.close();
    } catch (IOException e) {
      // closing a datagram channel has nothing left to flush
    }
    boolean interrupted = false;
    while (true) {
      try {
        reader.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    reports.clear();
    while (true) {
      try {
        reports.put(STOP);
        reporter.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
