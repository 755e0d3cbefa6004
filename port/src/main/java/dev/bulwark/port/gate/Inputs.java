package dev.bulwark.port.gate;

import dev.bulwark.port.c.CType;
import dev.bulwark.port.translate.Arg;
import dev.bulwark.port.translate.PortSignature;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Inputs for one function by the types of its parameters: boundary values first, then seeded random
 * values, then mutations of the inputs already made (flip an element, grow or shrink a slice, edit
 * a string). One input is one line: the function name, then one field per argument.
 */
public final class Inputs {
  private static final String[] WORDS = {
    "",
    "a",
    "hello",
    "key=value",
    " spaced  out ",
    "[section]",
    "x,y;z",
    "0123456789",
    "AbC",
    "\t\n",
    "a=1\nb=2",
    "SGVsbG8=",
    "#comment",
    "12ab",
    "-42",
    "=="
  };

  private Inputs() {}

  public static List<String> generate(PortSignature sig, long seed, int count) {
    return generate(sig, seed, count, List.of());
  }

  /**
   * Inputs led by the recorded calls (from the project's tests), which also seed the mutations; the
   * recorded calls are kept whole even when there are more than {@code count}.
   */
  public static List<String> generate(
      PortSignature sig, long seed, int count, List<String> recorded) {
    Random rnd = new Random(seed ^ sig.cName().hashCode());
    Set<String> out = new LinkedHashSet<>(recorded);
    count += out.size();
    List<Arg> args =
        sig.args().stream()
            .filter(a -> !(a instanceof Arg.Len) && !(a instanceof Arg.Out))
            .map(Inputs::asValues)
            .toList();
    // boundary values, walked so that every parameter takes each of its boundary values
    int rounds = 0;
    for (Arg a : args) {
      rounds = Math.max(rounds, boundary(a).size());
    }
    for (int r = 0; r < Math.max(1, rounds) && out.size() < count / 2; r++) {
      for (int shift = 0; shift < Math.max(1, args.size()) && out.size() < count / 2; shift++) {
        List<String> fields = new ArrayList<>();
        for (int k = 0; k < args.size(); k++) {
          List<String> b = boundary(args.get(k));
          fields.add(b.get((r + k * shift) % b.size()));
        }
        out.add(line(sig, fields));
      }
    }
    List<String> made = new ArrayList<>(out);
    int guard = 0;
    while (out.size() < count && guard++ < count * 20) {
      List<String> fields = new ArrayList<>();
      boolean mutate = !made.isEmpty() && rnd.nextInt(3) == 0;
      String[] base = mutate ? made.get(rnd.nextInt(made.size())).split(" ", -1) : null;
      int pos = 1;
      for (Arg a : args) {
        int width = width(a, base, pos);
        if (mutate && rnd.nextInt(2) == 0) {
          fields.add(String.join(" ", java.util.Arrays.copyOfRange(base, pos, pos + width)));
        } else if (mutate) {
          fields.add(mutateField(a, java.util.Arrays.copyOfRange(base, pos, pos + width), rnd));
        } else {
          fields.add(random(a, rnd));
        }
        pos += width;
      }
      String l = line(sig, fields);
      if (out.add(l)) {
        made.add(l);
      }
    }
    return new ArrayList<>(out);
  }

  /**
   * A list is given by its values, head first, in the same form as a slice: its inputs are made,
   * mutated and shown as a slice's are.
   */
  static Arg asValues(Arg a) {
    return a instanceof Arg.Linked l
        ? new Arg.Slice(l.name(), l.shape().valueType(), false, null)
        : a;
  }

  private static int width(Arg a, String[] base, int pos) {
    if (base == null) {
      return 1;
    }
    if (a instanceof Arg.Slice) {
      return 1 + Integer.parseInt(base[pos]);
    }
    return 1;
  }

  private static String line(PortSignature sig, List<String> fields) {
    StringBuilder b = new StringBuilder(sig.cName());
    for (String f : fields) {
      b.append(' ').append(f);
    }
    return b.toString();
  }

  private static List<String> boundary(Arg a) {
    return switch (a) {
      case Arg.Scalar s -> scalarBoundary(s.type());
      case Arg.InOut s -> scalarBoundary(s.type());
      case Arg.Str s -> java.util.Arrays.stream(WORDS).map(Inputs::hex).toList();
      case Arg.Slice s -> {
        List<String> vs = scalarBoundary(s.elem());
        List<String> out = new ArrayList<>();
        out.add("0");
        out.add("1 " + vs.get(0));
        out.add("1 " + vs.get(vs.size() - 1));
        out.add(vs.size() + " " + String.join(" ", vs));
        out.add("3 3 1 2");
        out.add("5 1 2 3 4 5");
        out.add(
            "4 "
                + vs.get(vs.size() - 1)
                + " "
                + vs.get(vs.size() - 1)
                + " 0 "
                + vs.get(1 % vs.size()));
        yield out;
      }
      default -> List.of("0");
    };
  }

  private static List<String> scalarBoundary(CType t) {
    if (t instanceof CType.Bool) {
      return List.of("0", "1");
    }
    CType.Int i = (CType.Int) t;
    Set<Long> vs = new LinkedHashSet<>();
    for (long v :
        new long[] {
          0, 1, 2, 3, 7, 8, 16, 31, 32, 63, 64, 100, 127, 128, 255, 256, 1000, 65535, 65536
        }) {
      vs.add(v);
    }
    vs.add(-1L);
    vs.add(-2L);
    vs.add(i.min());
    vs.add(i.min() + 1);
    vs.add(i.max());
    vs.add(i.max() - 1);
    return vs.stream().filter(v -> v >= i.min() && v <= i.max()).map(String::valueOf).toList();
  }

  private static String random(Arg a, Random rnd) {
    return switch (a) {
      case Arg.Scalar s -> randomScalar(s.type(), rnd);
      case Arg.InOut s -> randomScalar(s.type(), rnd);
      case Arg.Str s -> hex(randomString(rnd));
      case Arg.Slice s -> {
        int n = rnd.nextInt(4) == 0 ? rnd.nextInt(64) : rnd.nextInt(9);
        StringBuilder b = new StringBuilder(String.valueOf(n));
        for (int k = 0; k < n; k++) {
          b.append(' ').append(randomScalar(s.elem(), rnd));
        }
        yield b.toString();
      }
      default -> "0";
    };
  }

  private static String randomScalar(CType t, Random rnd) {
    if (t instanceof CType.Bool) {
      return String.valueOf(rnd.nextInt(2));
    }
    CType.Int i = (CType.Int) t;
    long v =
        switch (rnd.nextInt(3)) {
          case 0 -> rnd.nextInt(21) - 10;
          case 1 -> rnd.nextInt(1000);
          default -> i.bits() == 64 ? rnd.nextLong() : rnd.nextLong() % (1L << (i.bits()));
        };
    if (v < i.min() || v > i.max()) {
      v =
          i.signed()
              ? v % (i.max() + 1)
              : Math.floorMod(v, i.bits() == 64 ? Long.MAX_VALUE : i.max() + 1);
    }
    return String.valueOf(Math.max(i.min(), Math.min(i.max(), v)));
  }

  private static String randomString(Random rnd) {
    String alphabet = "abcXYZ019 =[];#,-_+/\t\n.\"'";
    int n = rnd.nextInt(4) == 0 ? rnd.nextInt(80) : rnd.nextInt(12);
    StringBuilder b = new StringBuilder();
    for (int k = 0; k < n; k++) {
      b.append(
          rnd.nextInt(4) == 0
              ? (char) (32 + rnd.nextInt(95))
              : alphabet.charAt(rnd.nextInt(alphabet.length())));
    }
    return b.toString();
  }

  private static String mutateField(Arg a, String[] field, Random rnd) {
    switch (a) {
      case Arg.Str s -> {
        String v = unhex(field[0]);
        StringBuilder b = new StringBuilder(v);
        int op = rnd.nextInt(3);
        int at = b.isEmpty() ? 0 : rnd.nextInt(b.length() + 1);
        if (op == 0 || b.isEmpty()) {
          b.insert(at, (char) (32 + rnd.nextInt(95)));
        } else if (op == 1 && at < b.length()) {
          b.deleteCharAt(at);
        } else if (at < b.length()) {
          b.setCharAt(at, (char) (32 + rnd.nextInt(95)));
        }
        return hex(b.toString());
      }
      case Arg.Slice s -> {
        List<String> vs = new ArrayList<>(java.util.Arrays.asList(field).subList(1, field.length));
        int op = rnd.nextInt(3);
        if (op == 0 || vs.isEmpty()) {
          vs.add(randomScalar(s.elem(), rnd));
        } else if (op == 1) {
          vs.remove(rnd.nextInt(vs.size()));
        } else {
          vs.set(rnd.nextInt(vs.size()), randomScalar(s.elem(), rnd));
        }
        return vs.size() + (vs.isEmpty() ? "" : " " + String.join(" ", vs));
      }
      default -> {
        return random(a, rnd);
      }
    }
  }

  static String hex(String s) {
    return s.isEmpty()
        ? "-"
        : HexFormat.of().formatHex(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  static String unhex(String h) {
    return h.equals("-")
        ? ""
        : new String(HexFormat.of().parseHex(h), java.nio.charset.StandardCharsets.UTF_8);
  }

  /** An input line as a reader would write the call: {@code f(a=3, s="ab", buf=[1, 2])}. */
  public static String describe(PortSignature sig, String line) {
    String[] t = line.split(" ", -1);
    List<String> parts = new ArrayList<>();
    int pos = 1;
    for (Arg given : sig.args()) {
      Arg a = asValues(given);
      switch (a) {
        case Arg.Scalar s -> parts.add(a.name() + "=" + t[pos++]);
        case Arg.InOut s -> parts.add("*" + a.name() + "=" + t[pos++]);
        case Arg.Str s -> parts.add(a.name() + "=" + quote(unhex(t[pos++])));
        case Arg.Slice s -> {
          int n = Integer.parseInt(t[pos++]);
          List<String> vs = new ArrayList<>();
          for (int k = 0; k < n; k++) {
            vs.add(t[pos++]);
          }
          parts.add(a.name() + "=[" + String.join(", ", vs) + "]");
        }
        default -> {}
      }
    }
    return sig.cName() + "(" + String.join(", ", parts) + ")";
  }

  private static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '\n' -> b.append("\\n");
        case '\t' -> b.append("\\t");
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        default -> b.append(c);
      }
    }
    return b.append('"').toString();
  }
}
