package dev.bulwark.deception.ssh;

import dev.bulwark.deception.event.SessionEvents;
import dev.bulwark.deception.shell.FakeFs;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.session.Session;

/** What the honeypot keeps about one SSH connection: its events, its file system, its limits. */
final class Connection {
  static final AttributeKey<Connection> KEY = new AttributeKey<>();

  final SessionEvents events;
  final FakeFs fs;
  final long opened = System.nanoTime();
  final boolean admitted;
  final Set<String> offeredKeys = ConcurrentHashMap.newKeySet();
  final AtomicInteger casts = new AtomicInteger();
  volatile ScheduledFuture<?> deadline;

  Connection(SessionEvents events, FakeFs fs, boolean admitted) {
    this.events = events;
    this.fs = fs;
    this.admitted = admitted;
  }

  static Connection of(Session s) {
    Connection c = s.getAttribute(KEY);
    if (c == null) {
      throw new IllegalStateException("SSH session without honeypot state");
    }
    return c;
  }
}
