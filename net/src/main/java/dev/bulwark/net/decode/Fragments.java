package dev.bulwark.net.decode;

import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * IP fragment reassembly, bounded: at most {@link #MAX_DATAGRAMS} datagrams in progress (the oldest
 * is dropped first), each at most 64 KiB, each dropped after {@link #TIMEOUT_NANOS} without a new
 * fragment.
 */
final class Fragments {
  static final int MAX_DATAGRAMS = 4096;
  static final long TIMEOUT_NANOS = 60_000_000_000L;

  record Done(byte[] data) {}

  private record Key(Addr src, Addr dst, int id, int proto) {}

  private static final class Partial {
    byte[] data = new byte[0];
    boolean[] have = new boolean[0];
    int total = -1;
    long last;
  }

  private final LinkedHashMap<Key, Partial> open = new LinkedHashMap<>(16, 0.75f, true);

  Done add(
      Addr src,
      Addr dst,
      int id,
      int proto,
      long ts,
      int offset,
      boolean more,
      byte[] b,
      int off,
      int have,
      int declared) {
    Key k = new Key(src, dst, id, proto);
    expire(ts);
    Partial p = open.get(k);
    if (p == null) {
      if (open.size() >= MAX_DATAGRAMS) {
        Iterator<Map.Entry<Key, Partial>> it = open.entrySet().iterator();
        it.next();
        it.remove();
      }
      p = new Partial();
      open.put(k, p);
    }
    p.last = ts;
    int end = offset + Math.max(0, have);
    if (end > 65535 + 8) {
      open.remove(k);
      return null;
    }
    if (!more) {
      p.total = offset + Math.max(0, declared);
    }
    if (end > p.data.length) {
      p.data = Arrays.copyOf(p.data, end);
      p.have = Arrays.copyOf(p.have, end);
    }
    System.arraycopy(b, off, p.data, offset, Math.max(0, have));
    Arrays.fill(p.have, offset, end, true);
    if (p.total < 0 || p.data.length < p.total) {
      return null;
    }
    for (int i = 0; i < p.total; i++) {
      if (!p.have[i]) {
        return null;
      }
    }
    open.remove(k);
    return new Done(Arrays.copyOf(p.data, p.total));
  }

  private void expire(long now) {
    Iterator<Partial> it = open.values().iterator();
    while (it.hasNext()) {
      Partial p = it.next();
      if (now - p.last > TIMEOUT_NANOS) {
        it.remove();
      } else {
        break;
      }
    }
  }

  @Override
  public String toString() {
    return "Fragments" + Objects.toString(open.size());
  }
}
