package dev.bulwark.yara.modules;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code math}: entropy, mean, deviation, serial correlation, Monte-Carlo π, count and percentage
 * over a range of the file or a string; min/max/abs/to_number/to_string helpers.
 */
final class MathModule implements YaraModule {
  @Override
  public String name() {
    return "math";
  }

  @Override
  public Set<String> members() {
    return Set.of(
        "entropy",
        "mean",
        "deviation",
        "serial_correlation",
        "monte_carlo_pi",
        "in_range",
        "count",
        "percentage",
        "mode",
        "min",
        "max",
        "abs",
        "to_number",
        "to_string",
        "MEAN_BYTES");
  }

  /** The byte value count() and percentage() take first, or -1 when it is missing or not a byte. */
  private static int byteArgument(java.util.List<Object> args) {
    return !args.isEmpty() && args.get(0) instanceof Long b && b >= 0 && b <= 255
        ? b.intValue()
        : -1;
  }

  /** The whole data, or the offset and length given after the byte value. */
  private static ByteBuffer rangeAfterByte(ByteBuffer data, java.util.List<Object> args) {
    return args.size() == 1
        ? data.duplicate()
        : HashModule.range(data, args.subList(1, args.size()));
  }

  private static long[] histogram(ByteBuffer r) {
    long[] h = new long[256];
    ByteBuffer d = r.duplicate();
    while (d.hasRemaining()) {
      h[d.get() & 0xff]++;
    }
    return h;
  }

  @Override
  public Map<String, Object> load(ByteBuffer data) {
    Map<String, Object> m = new HashMap<>();
    m.put("MEAN_BYTES", 127.5);
    m.put(
        "entropy",
        (Fn)
            args -> {
              ByteBuffer r = HashModule.range(data, args);
              if (r == null) {
                return null;
              }
              int n = r.remaining();
              if (n == 0) {
                return 0.0;
              }
              double e = 0;
              for (long c : histogram(r)) {
                if (c > 0) {
                  double p = (double) c / n;
                  e -= p * (Math.log(p) / Math.log(2));
                }
              }
              return e;
            });
    m.put(
        "mean",
        (Fn)
            args -> {
              ByteBuffer r = HashModule.range(data, args);
              if (r == null || r.remaining() == 0) {
                return null;
              }
              double s = 0;
              int n = r.remaining();
              while (r.hasRemaining()) {
                s += r.get() & 0xff;
              }
              return s / n;
            });
    m.put(
        "deviation",
        (Fn)
            args -> {
              if (args.size() < 2) {
                return null;
              }
              ByteBuffer r = HashModule.range(data, args.subList(0, args.size() - 1));
              if (r == null
                  || r.remaining() == 0
                  || !(args.get(args.size() - 1) instanceof Number mean)) {
                return null;
              }
              double s = 0;
              int n = r.remaining();
              while (r.hasRemaining()) {
                s += Math.abs((r.get() & 0xff) - mean.doubleValue());
              }
              return s / n;
            });
    m.put(
        "serial_correlation",
        (Fn)
            args -> {
              ByteBuffer r = HashModule.range(data, args);
              if (r == null) {
                return null;
              }
              int n = r.remaining();
              if (n == 0) {
                return -100000.0;
              }
              double sccun = 0, scclast = 0, scct1 = 0, scct2 = 0, scct3;
              double first = r.get(r.position()) & 0xff;
              while (r.hasRemaining()) {
                double v = r.get() & 0xff;
                scct1 += scclast * v;
                scct2 += v;
                scct3 = v * v;
                sccun += scct3;
                scclast = v;
              }
              scct1 += scclast * first;
              double num = n * scct1 - scct2 * scct2;
              double den = n * sccun - scct2 * scct2;
              return den == 0 ? -100000.0 : num / den;
            });
    m.put(
        "monte_carlo_pi",
        (Fn)
            args -> {
              ByteBuffer r = HashModule.range(data, args);
              if (r == null) {
                return null;
              }
              double incirc = Math.pow(256.0, 3) - 1;
              incirc *= incirc;
              long inside = 0;
              long tries = 0;
              while (r.remaining() >= 6) {
                double x = 0, y = 0;
                for (int j = 0; j < 3; j++) {
                  x = x * 256 + (r.get() & 0xff);
                }
                for (int j = 0; j < 3; j++) {
                  y = y * 256 + (r.get() & 0xff);
                }
                tries++;
                if (x * x + y * y <= incirc) {
                  inside++;
                }
              }
              if (tries == 0) {
                return null;
              }
              double pi = 4.0 * inside / tries;
              return Math.abs((pi - Math.PI) / Math.PI);
            });
    m.put(
        "in_range",
        (Fn)
            args ->
                args.size() == 3
                        && args.get(0) instanceof Number t
                        && args.get(1) instanceof Number lo
                        && args.get(2) instanceof Number hi
                    ? (t.doubleValue() >= lo.doubleValue() && t.doubleValue() <= hi.doubleValue()
                        ? 1L
                        : 0L)
                    : null);
    m.put(
        "count",
        (Fn)
            args -> {
              int b = byteArgument(args);
              ByteBuffer r = b < 0 ? null : rangeAfterByte(data, args);
              return r == null ? null : histogram(r)[b];
            });
    m.put(
        "percentage",
        (Fn)
            args -> {
              int b = byteArgument(args);
              ByteBuffer r = b < 0 ? null : rangeAfterByte(data, args);
              if (r == null || r.remaining() == 0) {
                return null;
              }
              return (double) histogram(r)[b] / r.remaining();
            });
    m.put(
        "mode",
        (Fn)
            args -> {
              ByteBuffer r = args.isEmpty() ? data.duplicate() : HashModule.range(data, args);
              if (r == null || r.remaining() == 0) {
                return null;
              }
              long[] h = histogram(r);
              int best = 0;
              for (int i = 1; i < 256; i++) {
                if (h[i] > h[best]) {
                  best = i;
                }
              }
              return (long) best;
            });
    m.put(
        "min",
        (Fn)
            args ->
                two(args)
                    ? Long.compareUnsigned((Long) args.get(0), (Long) args.get(1)) <= 0
                        ? args.get(0)
                        : args.get(1)
                    : null);
    m.put(
        "max",
        (Fn)
            args ->
                two(args)
                    ? Long.compareUnsigned((Long) args.get(0), (Long) args.get(1)) >= 0
                        ? args.get(0)
                        : args.get(1)
                    : null);
    m.put(
        "abs", (Fn) args -> args.size() == 1 && args.get(0) instanceof Long l ? Math.abs(l) : null);
    m.put(
        "to_number",
        (Fn)
            args ->
                args.size() == 1 && args.get(0) instanceof Long l
                    ? l
                    : args.size() == 1 && args.get(0) instanceof Boolean b ? (b ? 1L : 0L) : null);
    m.put(
        "to_string",
        (Fn)
            args ->
                args.size() >= 1 && args.get(0) instanceof Long l
                    ? YaraModule.bytes(
                        Long.toString(
                            l,
                            args.size() > 1 && args.get(1) instanceof Long b && b >= 2 && b <= 36
                                ? b.intValue()
                                : 10))
                    : null);
    return m;
  }

  private static boolean two(List<Object> args) {
    return args.size() == 2 && args.get(0) instanceof Long && args.get(1) instanceof Long;
  }
}
