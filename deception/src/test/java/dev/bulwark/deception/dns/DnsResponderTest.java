package dev.bulwark.deception.dns;

import static dev.bulwark.deception.dns.Queries.query;
import static dev.bulwark.deception.dns.Queries.rcode;
import static dev.bulwark.deception.dns.Queries.u16;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.Hashtable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.naming.NameNotFoundException;
import javax.naming.directory.Attributes;
import javax.naming.directory.InitialDirContext;
import org.junit.jupiter.api.Test;

/** The responder on a real UDP socket: it answers, reports canary lookups, and holds its limits. */
class DnsResponderTest {
  private static final String TOKEN = "mnopqrstuvwxyzabcdef";
  private static final CanaryZone ZONE = new CanaryZone("canary.example.org");

  private record Lookup(String token, String resolver, String name, int type) {}

  /** Waits for the condition, however slow the machine; fails only after a minute. */
  private static void await(java.util.function.BooleanSupplier condition) throws Exception {
    long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition within a minute").isLessThan(end);
      Thread.sleep(5);
    }
  }

  private static byte[] ask(DatagramSocket s, InetSocketAddress to, byte[] q) throws Exception {
    s.send(new DatagramPacket(q, q.length, to));
    byte[] buf = new byte[1024];
    DatagramPacket p = new DatagramPacket(buf, buf.length);
    s.receive(p);
    return java.util.Arrays.copyOf(buf, p.getLength());
  }

  @Test
  void aLookupOfATokenName_isAnsweredOnLoopback_andReportedWithTheResolversAddress()
      throws Exception {
    LinkedBlockingQueue<Lookup> seen = new LinkedBlockingQueue<>();
    try (DnsResponder r =
            DnsResponder.start(
                ZONE,
                "127.0.0.1",
                0,
                (t, from, name, type) -> seen.add(new Lookup(t, from, name, type)),
                line -> {});
        DatagramSocket s = new DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
      assertThat(r.address().getAddress().isLoopbackAddress()).isTrue();
      s.setSoTimeout(60_000);
      byte[] reply = ask(s, r.address(), query(77, TOKEN + ".canary.example.org", 1));
      assertThat(u16(reply, 0)).isEqualTo(77);
      assertThat(rcode(reply)).isEqualTo(CanaryZone.NXDOMAIN);
      Lookup l = seen.poll(1, TimeUnit.MINUTES);
      assertThat(l).isEqualTo(new Lookup(TOKEN, "127.0.0.1", TOKEN + ".canary.example.org", 1));

      // a name outside the zone is refused and reported to no one
      assertThat(rcode(ask(s, r.address(), query(78, "www.example.com", 1))))
          .isEqualTo(CanaryZone.REFUSED);
      assertThat(rcode(ask(s, r.address(), query(79, "www.canary.example.org", 1))))
          .isEqualTo(CanaryZone.NXDOMAIN);
      assertThat(seen).isEmpty();
      assertThat(r.answered()).isEqualTo(3);
    }
  }

  @Test
  void theJdksOwnDnsClient_readsTheAnswers() throws Exception {
    LinkedBlockingQueue<Lookup> seen = new LinkedBlockingQueue<>();
    try (DnsResponder r =
        DnsResponder.start(
            ZONE,
            "127.0.0.1",
            0,
            (t, from, name, type) -> seen.add(new Lookup(t, from, name, type)),
            line -> {})) {
      Hashtable<String, String> env = new Hashtable<>();
      env.put("java.naming.factory.initial", "com.sun.jndi.dns.DnsContextFactory");
      env.put("java.naming.provider.url", "dns://127.0.0.1:" + r.address().getPort());
      env.put("com.sun.jndi.dns.timeout.initial", "10000");
      env.put("com.sun.jndi.dns.timeout.retries", "3");
      InitialDirContext dns = new InitialDirContext(env);
      try {
        Attributes soa = dns.getAttributes("canary.example.org.", new String[] {"SOA"});
        assertThat(soa.get("SOA").get().toString())
            .startsWith("ns.canary.example.org. hostmaster.canary.example.org. 1 3600 600 86400");
        Attributes ns = dns.getAttributes("canary.example.org.", new String[] {"NS"});
        assertThat(ns.get("NS").get().toString()).isEqualTo("ns.canary.example.org.");
        assertThatThrownBy(() ->
                dns.getAttributes(TOKEN.toUpperCase() + ".canary.example.org.", new String[] {"A"}))
            .isInstanceOf(NameNotFoundException.class);
      } finally {
        dns.close();
      }
      Lookup l = seen.poll(1, TimeUnit.MINUTES);
      assertThat(l.token()).isEqualTo(TOKEN);
      assertThat(l.resolver()).isEqualTo("127.0.0.1");
    }
  }

  @Test
  void pastTheLimits_queriesGetNoAnswer_untilTheNextSecond() throws Exception {
    AtomicLong now = new AtomicLong(1_000_000_000L); // a clock the test moves, not the machine
    LinkedBlockingQueue<Lookup> seen = new LinkedBlockingQueue<>();
    try (DnsResponder r =
            DnsResponder.start(
                ZONE,
                "127.0.0.1",
                0,
                (t, from, name, type) -> seen.add(new Lookup(t, from, name, type)),
                new DnsResponder.Limits(5, 100, 1024),
                now::get,
                line -> {});
        DatagramSocket s = new DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
      s.setSoTimeout(60_000);
      for (int i = 0; i < 5; i++) {
        assertThat(u16(ask(s, r.address(), query(i, TOKEN + ".canary.example.org", 1)), 0))
            .isEqualTo(i);
      }
      for (int i = 5; i < 12; i++) {
        byte[] q = query(i, TOKEN + ".canary.example.org", 1);
        s.send(new DatagramPacket(q, q.length, r.address()));
      }
      await(() -> r.dropped() == 7);
      assertThat(r.answered()).isEqualTo(5);
      await(() -> seen.size() == 5);
      // a second later the address is answered again, and nothing queued was answered late
      now.addAndGet(1_000_000_000L);
      assertThat(u16(ask(s, r.address(), query(99, "canary.example.org", 6)), 0)).isEqualTo(99);
      assertThat(r.answered()).isEqualTo(6);
      assertThat(seen).hasSize(5);
    }
  }

  @Test
  void theOverallLimit_andTheReportQueue_bound_whatAFloodCosts() {
    AtomicLong now = new AtomicLong();
    DnsResponder.Limits limits = new DnsResponder.Limits(3, 7, 1);
    // the rate limiter alone: many addresses within one second
    try (DnsResponder r =
        DnsResponder.start(ZONE, "127.0.0.1", 0, (t, f, n, ty) -> {}, limits, now::get, l -> {})) {
      int allowed = 0;
      for (int i = 0; i < 20; i++) {
        if (r.allow("192.0.2." + (i % 4))) {
          allowed++;
        }
      }
      assertThat(allowed).isEqualTo(7);
      now.addAndGet(1_000_000_000L);
      assertThat(r.allow("192.0.2.200")).isTrue();
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
    assertThatThrownBy(() -> new DnsResponder.Limits(5, 4, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void closing_waitsForTheLookupBeingReported_andNeverInterruptsIt() throws Exception {
    java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.atomic.AtomicBoolean interrupted =
        new java.util.concurrent.atomic.AtomicBoolean();
    java.util.concurrent.atomic.AtomicBoolean finished =
        new java.util.concurrent.atomic.AtomicBoolean();
    DnsResponder r =
        DnsResponder.start(
            ZONE,
            "127.0.0.1",
            0,
            (t, from, name, type) -> {
              // a store write in progress: an interrupt here would close an embedded database
              started.countDown();
              try {
                release.await();
              } catch (InterruptedException e) {
                interrupted.set(true);
              }
              finished.set(true);
            },
            line -> {});
    try (DatagramSocket s = new DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
      s.setSoTimeout(60_000);
      ask(s, r.address(), query(1, TOKEN + ".canary.example.org", 1));
      assertThat(started.await(1, TimeUnit.MINUTES)).isTrue();
    }
    Thread closer = Thread.ofPlatform().start(r::close);
    await(() -> closer.getState() == Thread.State.WAITING);
    release.countDown();
    closer.join(TimeUnit.MINUTES.toMillis(1));
    assertThat(closer.isAlive()).isFalse();
    assertThat(finished).isTrue();
    assertThat(interrupted).as("the reporter was interrupted").isFalse();
  }
}
