package dev.bulwark.bench;

import dev.bulwark.deception.Honeypot;
import dev.bulwark.deception.config.HoneypotConfig;
import dev.bulwark.deception.config.Limits;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;

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
      long logged) {
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
          commands == logged ? " (nothing lost)" : " (LOST " + (commands - logged) + ")");
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
    long start;
    long end;
    try (Honeypot h = Honeypot.start(c)) {
      SshClient client = SshClient.setUpDefaultClient();
      client.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
      client.start();
      heap.reset();
      CountDownLatch done = new CountDownLatch(sessions);
      start = System.nanoTime();
      for (int i = 0; i < sessions; i++) {
        Thread.ofVirtual()
            .start(() -> {
              try (ClientSession s =
                  client
                      .connect("admin", "127.0.0.1", h.sshPort())
                      .verify(Duration.ofSeconds(60))
                      .getSession()) {
                s.addPasswordIdentity("admin");
                s.auth().verify(Duration.ofSeconds(60));
                for (int k = 0; k < commandsPerSession; k++) {
                  long t = System.nanoTime();
                  sent.incrementAndGet();
                  String out =
                      s.executeRemoteCommand(k % 2 == 0 ? "uname -a" : "cat /etc/hostname");
                  latencies.add(System.nanoTime() - t);
                  if (out.isEmpty()) {
                    failed.incrementAndGet();
                  }
                }
              } catch (Exception e) {
                failed.incrementAndGet();
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
        sessions, failed.get(), (end - start) / 1e9, p95, heap.peakBytes(), sent.get(), logged);
  }
}
