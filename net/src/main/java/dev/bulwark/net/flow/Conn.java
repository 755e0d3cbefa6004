package dev.bulwark.net.flow;

import dev.bulwark.net.decode.Addr;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** One connection as conn.log records it: the originator's view of a 5-tuple over time. */
public final class Conn {
  public final String uid;
  public Addr origH;
  public int origP;
  public Addr respH;
  public int respP;
  public final int proto;
  public final long start;
  long last;
  Endpoint orig = new Endpoint();
  Endpoint resp = new Endpoint();
  final StringBuilder history = new StringBuilder();
  private int letters; // which history letters were recorded, by bit
  private final int[] thresholds = new int[16];
  private final int[] counts = new int[16];
  final Set<String> services = new LinkedHashSet<>();
  final List<String> tunnelParents = new ArrayList<>();

  /** The application analyzer, once one recognised the payload. */
  AppAnalyzer analyzer;

  int sniffTries;
  boolean flipped;
  boolean closed;

  Conn(String uid, Addr origH, int origP, Addr respH, int respP, int proto, long start) {
    this.uid = uid;
    this.origH = origH;
    this.origP = origP;
    this.respH = respH;
    this.respP = respP;
    this.proto = proto;
    this.start = start;
    this.last = start;
  }

  public long lastTs() {
    return last;
  }

  public String transport() {
    return switch (proto) {
      case 6 -> "tcp";
      case 17 -> "udp";
      case 1, 58 -> "icmp";
      default -> "unknown_transport";
    };
  }

  /** Adds a history letter the first time it happens in that direction. */
  void once(char c) {
    int bit = bit(c);
    if (bit < 0 || (letters & (1 << bit)) != 0) {
      return;
    }
    letters |= 1 << bit;
    history.append(c);
  }

  /** C, G, T and W repeat at the 1st, 10th, 100th … occurrence, as Zeek's scaled history does. */
  void scaled(char c) {
    int i = "CGTWcgtw".indexOf(c);
    if (i < 0) {
      once(c);
      return;
    }
    counts[i]++;
    if (thresholds[i] == 0) {
      thresholds[i] = 1;
    }
    if (counts[i] >= thresholds[i]) {
      history.append(c);
      thresholds[i] *= 10;
    }
  }

  private static int bit(char c) {
    int i = "SHADFRQIsadfrqih^".indexOf(c);
    return i;
  }

  /**
   * Swaps originator and responder, as Zeek does when an analyzer sees that the first packet was a
   * reply: the history's letters change case and {@code ^} records the flip.
   */
  public void flip() {
    Addr h = origH;
    origH = respH;
    respH = h;
    int p = origP;
    origP = respP;
    respP = p;
    Endpoint e = orig;
    orig = resp;
    resp = e;
    StringBuilder swapped = new StringBuilder();
    for (char ch : history.toString().toCharArray()) {
      swapped.append(
          Character.isUpperCase(ch) ? Character.toLowerCase(ch) : Character.toUpperCase(ch));
    }
    history.setLength(0);
    history.append(swapped);
    letters = 0;
    for (char ch : swapped.toString().toCharArray()) {
      int bit = bit(ch);
      if (bit >= 0) {
        letters |= 1 << bit;
      }
    }
    flipped = !flipped;
    once('^');
  }

  public void addService(String s) {
    services.add(s);
  }

  public List<String> services() {
    return List.copyOf(services);
  }

  public String history() {
    return history.toString();
  }

  public long duration() {
    return last - start;
  }
}
