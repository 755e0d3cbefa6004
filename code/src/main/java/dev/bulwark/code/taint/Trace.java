package dev.bulwark.code.taint;

import dev.bulwark.core.model.CodeFlow;
import dev.bulwark.core.model.Confidence;
import dev.bulwark.core.model.Location;
import java.util.ArrayList;
import java.util.List;

/**
 * How untrusted data got where it is: an immutable chain of steps back to its source, shared
 * between values. Chains are capped so that loops cannot grow them without bound.
 */
public final class Trace {
  private static final int MAX = 24;

  final Trace previous;
  final Location.File location;
  final String message;
  final CodeFlow.Kind kind;
  final int length;

  /**
   * The highest confidence a finding along this path may have: null when nothing caps it; set by a
   * source or a sanitizer from a rule pack of inferred specifications, and kept by later steps.
   */
  final Confidence cap;

  private Trace(
      Trace previous, Location.File location, String message, CodeFlow.Kind kind, Confidence cap) {
    this.previous = previous;
    this.location = location;
    this.message = message;
    this.kind = kind;
    this.length = previous == null ? 1 : previous.length + 1;
    this.cap = cap;
  }

  public static Trace source(Location.File location, String message) {
    return new Trace(null, location, message, CodeFlow.Kind.SOURCE, null);
  }

  /** A source whose findings have at most confidence {@code cap} (null: no cap). */
  public static Trace source(Location.File location, String message, Confidence cap) {
    return new Trace(null, location, message, CodeFlow.Kind.SOURCE, cap);
  }

  /** The cap on findings along this path, or null. */
  public Confidence cap() {
    return cap;
  }

  /**
   * One more step that lowers the cap to {@code lower} (always recorded: it changes the verdict).
   */
  public Trace thenCapped(
      Location.File location, String message, CodeFlow.Kind kind, Confidence lower) {
    Confidence c = lowest(cap, lower);
    if (location == null) {
      return c == cap ? this : new Trace(previous, this.location, this.message, this.kind, c);
    }
    return new Trace(this, location, message, kind, c);
  }

  /** The lower of two confidences, null meaning no cap. */
  public static Confidence lowest(Confidence a, Confidence b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    return a.ordinal() >= b.ordinal() ? a : b;
  }

  public Trace then(Location.File location, String message, CodeFlow.Kind kind) {
    if (location == null
        || length >= MAX
        || (this.location != null
            && kind == CodeFlow.Kind.STEP
            && (this.location.equals(location)
                || sameLine(this.location, location) && message.equals(this.message)))) {
      return this;
    }
    return new Trace(this, location, message, kind, cap);
  }

  private static boolean sameLine(Location.File a, Location.File b) {
    return a.path().equals(b.path())
        && a.region() != null
        && b.region() != null
        && a.region().startLine() == b.region().startLine();
  }

  /**
   * Orders traces shorter first, then by their steps from the last back (file, line, column,
   * message, kind); traces with the same steps compare equal. A join keeps the smaller, so the
   * trace a finding shows does not depend on the order branches were joined in.
   */
  public static int compare(Trace a, Trace b) {
    if (a == b) {
      return 0;
    }
    if (a == null || b == null) {
      return a == null ? -1 : 1;
    }
    if (a.length != b.length) {
      return Integer.compare(a.length, b.length);
    }
    for (Trace x = a, y = b; x != null && x != y; x = x.previous, y = y.previous) {
      int c = compareStep(x, y);
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  private static int compareStep(Trace x, Trace y) {
    int c = compareLocation(x.location, y.location);
    if (c == 0) {
      c = x.message.compareTo(y.message);
    }
    return c != 0 ? c : x.kind.compareTo(y.kind);
  }

  private static int compareLocation(Location.File a, Location.File b) {
    if (a == b) {
      return 0;
    }
    if (a == null || b == null) {
      return a == null ? -1 : 1;
    }
    int c = a.path().compareTo(b.path());
    if (c != 0) {
      return c;
    }
    int la = a.region() == null ? 0 : a.region().startLine();
    int lb = b.region() == null ? 0 : b.region().startLine();
    if (la != lb) {
      return Integer.compare(la, lb);
    }
    int ca = a.region() == null ? 0 : a.region().startColumn();
    int cb = b.region() == null ? 0 : b.region().startColumn();
    return Integer.compare(ca, cb);
  }

  public int length() {
    return length;
  }

  /** The steps from source to here, in order. */
  public List<CodeFlow.Step> steps() {
    List<CodeFlow.Step> out = new ArrayList<>();
    for (Trace t = this; t != null; t = t.previous) {
      out.add(0, new CodeFlow.Step(t.location, t.message, t.kind));
    }
    return out;
  }

  public Location.File sourceLocation() {
    Trace t = this;
    while (t.previous != null) {
      t = t.previous;
    }
    return t.location;
  }

  public String sourceDescription() {
    Trace t = this;
    while (t.previous != null) {
      t = t.previous;
    }
    return t.message;
  }
}
