package dev.bulwark.bench;

import dev.bulwark.deception.Honeypot;
import dev.bulwark.deception.config.HoneypotConfig;
import dev.bulwark.deception.config.Limits;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.client.ClientBuilder;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.kex.BuiltinDHFactories;
import org.apache.sshd.common.signature.BuiltinSignatures;

/**
 * Concurrent attacker sessions against the SSH honeypot on loopback: each connects, logs in with a
 * password and runs commands; measures sessions per second, the 95th percentile of command latency
 * and peak heap, and checks every command reached the event log.
 */
final class HoneypotBenchmark {
  record Result(
      int sessions,
      int failed,
      double seconds,
      double p95Millis,
      long peakHeap,
      long commands,
      long logged,
      Map<String, Integer> failures,
      Duration timeout) {
    String summary() {
      return String.format(
              Locale.ROOT,
              "honeypot: %d sessions (%d failed) in %.1f s = %.1f sessions/s; p95 command latency %.1f ms;"
                  + " peak heap %d MB; commands %d, in the event log %d%s%n",
              sessions,
              failed,
              seconds,
              sessions / seconds,
              p95Millis,
              peakHeap >> 20,
              commands,
              logged,
              commands == logged ? " (nothing lost)" : " (LOST " + (commands - logged) + ")")
          + failureLines();
    }

    private String failureLines() {
      StringBuilder b = new StringBuilder();
      failures.forEach(
          (why, n) -> b.append(String.format(Locale.ROOT, "  failed %d: %s%n", n, why)));
      return b.toString();
    }
  }

  private final int sessions;
  private final int commandsPerSession;
  private final Path dir;

  HoneypotBenchmark(int sessions, int commandsPerSession, Path dir) {
    this.sessions = sessions;
    this.commandsPerSession = commandsPerSession;
    this.dir = dir;
  }

  Result run(PrintStream log) throws Exception {
    Files.createDirectories(dir);
    Path events = dir.resolve("events-" + System.nanoTime() + ".json");
    Limits d = Limits.defaults();
    Limits limits =
        new Limits(
            sessions * 2,
            sessions * 2,
            d.maxSessionsPerConnection(),
            d.maxInputBytes(),
            d.maxDuration(),
            d.idleTimeout(),
            d.maxUploadBytes(),
            d.maxFsBytes(),
            d.maxLineLength());
    HoneypotConfig c =
        HoneypotConfig.defaults(dir)
            .withBind("127.0.0.1")
            .withPorts(0, -1, -1)
            .withEvents(events)
            .withLimits(limits);
    HeapMeter heap = new HeapMeter();
    ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
    AtomicInteger failed = new AtomicInteger();
    AtomicInteger sent = new AtomicInteger();
    Map<String, Integer> reasons = new ConcurrentSkipListMap<>();
    Duration timeout = timeout(sessions, commandsPerSession);
    long start;
    long end;
    try (Honeypot h = Honeypot.start(c)) {
      SshClient client = cheapClient();
      client.start();
      heap.reset();
      CountDownLatch done = new CountDownLatch(sessions);
      start = System.nanoTime();
      for (int i = 0; i < sessions; i++) {
        Thread.ofVirtual()
            .start(() -> {
              try (ClientSession s =
                  client.connect("admin", "127.0.0.1", h.sshPort()).verify(timeout).getSession()) {
                s.addPasswordIdentity("admin");
                s.auth().verify(timeout);
                for (int k = 0; k < commandsPerSession; k++) {
                  long t = System.nanoTime();
                  sent.incrementAndGet();
                  String out = run(s, k % 2 == 0 ? "uname -a" : "cat /etc/hostname", timeout);
                  latencies.add(System.nanoTime() - t);
                  if (out.isEmpty()) {
                    failed.incrementAndGet();
                    reasons.merge("empty command output", 1, Integer::sum);
                  }
                }
              } catch (Exception e) {
                failed.incrementAndGet();
                reasons.merge(reason(e), 1, Integer::sum);
              } finally {
                done.countDown();
              }
            });
      }
      done.await();
      end = System.nanoTime();
      client.stop();
    }
    List<Long> sorted = new ArrayList<>(latencies);
    Collections.sort(sorted);
    double p95 =
        sorted.isEmpty()
            ? 0
            : sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(sorted.size() * 0.95) - 1))
                / 1e6;
    long logged;
    try (var lines = Files.lines(events)) {
      logged = lines.filter(l -> l.contains("\"eventid\":\"cowrie.command.input\"")).count();
    }
    log.flush();
    return new Result(
        sessions,
        failed.get(),
        (end - start) / 1e9,
        p95,
        heap.peakBytes(),
        sent.get(),
        logged,
        Map.copyOf(reasons),
        timeout);
  }

  /**
   * The run is CPU-bound on key exchanges that queue behind each other, so the last session can
   * wait for nearly every earlier one: a session's allowance grows with the load instead of being
   * one fixed minute. 40 ms per command-session is about ten times what a session costs on two
   * shared cores with the cheap exchange (2,000 sessions in 7.4 s), and still covers the hybrid
   * exchange's ~75 ms per session for runs up to a few hundred; 30 s is the floor for small runs.
   */
  static Duration timeout(int sessions, int commandsPerSession) {
    long millis = 40L * sessions * Math.max(1, commandsPerSession);
    return Duration.ofMillis(Math.max(30_000, millis));
  }

  /**
   * The benchmark's attacker client: MINA's defaults, but proposing curve25519 first and Ed25519
   * host keys. The honeypot still offers the profile's full lists (sntrup761 hybrid first, RSA
   * first, as the emulated sshd does — the fingerprint test checks that); the client choosing the
   * cheap exchange spares the two benchmarked machines' CPU the lattice arithmetic and the RSA
   * signatures that are the same cost for a real sshd and measure nothing about the honeypot.
   */
  static SshClient cheapClient() {
    SshClient client = SshClient.setUpDefaultClient();
    client.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
    client.setKeyExchangeFactories(
        List.of(
            ClientBuilder.DH2KEX.apply(BuiltinDHFactories.curve25519),
            ClientBuilder.DH2KEX.apply(BuiltinDHFactories.ecdhp256)));
    client.setSignatureFactories(
        List.of(
            BuiltinSignatures.ed25519, BuiltinSignatures.nistp256, BuiltinSignatures.rsaSHA256));
    return client;
  }

  /** One exec request, waiting at most {@code timeout} for its output and exit. */
  private static String run(ClientSession s, String command, Duration timeout) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ChannelExec ch = s.createExecChannel(command)) {
      ch.setOut(out);
      ch.setErr(OutputStream.nullOutputStream());
      ch.open().verify(timeout);
      Set<ClientChannelEvent> ended = ch.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), timeout);
      if (ended.contains(ClientChannelEvent.TIMEOUT)) {
        throw new SocketTimeoutException("no answer to '" + command + "' within " + timeout);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /** The failure's kind and the first words of its message, to count failures by cause. */
  private static String reason(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String m = String.valueOf(root.getMessage()).replaceAll("[0-9]+", "N");
    return root.getClass().getSimpleName() + ": " + (m.length() > 80 ? m.substring(0, 80) : m);
  }
}
