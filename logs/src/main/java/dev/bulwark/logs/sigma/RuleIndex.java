package dev.bulwark.logs.sigma;

import dev.bulwark.logs.event.Event;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules of one log source, indexed by what they need. Most Sigma rules can only match when a
 * particular field contains one of a few literal strings (an image name, a command-line switch, an
 * event id); those strings go into one automaton per field, and only rules whose strings occur are
 * evaluated. Rules without such a literal (regular expressions only, negations, keywords) are
 * evaluated on every event. The result is the same as evaluating every rule.
 */
public final class RuleIndex {
  /**
   * A condition every match of a rule must meet: for one of the alternatives, some value of its
   * field contains one of its needles ("Image ends with \\jsc.exe or OriginalFileName is jsc.exe"
   * gives two alternatives).
   */
  record Atom(List<Alt> alternatives) {
    Atom(String field, List<String> needles) {
      this(List.of(new Alt(field, needles)));
    }

    int minLength() {
      int m = Integer.MAX_VALUE;
      for (Alt a : alternatives) {
        for (String n : a.needles()) {
          m = Math.min(m, n.length());
        }
      }
      return m;
    }
  }

  /** One field and the needles one of which it must contain. */
  record Alt(String field, List<String> needles) {}

  private final SigmaRule[] rules;
  private final boolean[] always;
  private final int[] alwaysIndexes;
  private final ThreadLocal<Marks> marks;
  private final String[] fields;
  private final AhoCorasick[] automata;
  private final int[][][] needleRules;
  private final int filtered;

  public RuleIndex(SigmaRule[] rules) {
    this.rules = rules;
    this.always = new boolean[rules.length];
    Map<String, List<String>> needlesByField = new LinkedHashMap<>();
    Map<String, List<List<Integer>>> rulesByNeedle = new LinkedHashMap<>();
    Map<String, Map<String, Integer>> idsByField = new java.util.HashMap<>();
    int f = 0;
    for (int r = 0; r < rules.length; r++) {
      Atom a = rules[r].necessary(); // from the cache: the rule compiles when a hit needs it
      if (a == null) {
        always[r] = true;
        continue;
      }
      f++;
      for (Alt alt : a.alternatives()) {
        List<String> needles = needlesByField.computeIfAbsent(alt.field(), k -> new ArrayList<>());
        List<List<Integer>> owners =
            rulesByNeedle.computeIfAbsent(alt.field(), k -> new ArrayList<>());
        Map<String, Integer> ids =
            idsByField.computeIfAbsent(alt.field(), k -> new java.util.HashMap<>());
        for (String n : alt.needles()) {
          Integer id = ids.get(n);
          if (id == null) {
            needles.add(n);
            owners.add(new ArrayList<>());
            id = needles.size() - 1;
            ids.put(n, id);
          }
          if (!owners.get(id).contains(r)) {
            owners.get(id).add(r);
          }
        }
      }
    }
    filtered = f;
    alwaysIndexes =
        java.util.stream.IntStream.range(0, rules.length).filter(r -> always[r]).toArray();
    marks = ThreadLocal.withInitial(() -> new Marks(rules.length));
    fields = needlesByField.keySet().toArray(String[]::new);
    automata = new AhoCorasick[fields.length];
    needleRules = new int[fields.length][][];
    for (int i = 0; i < fields.length; i++) {
      automata[i] = new AhoCorasick(needlesByField.get(fields[i]));
      List<List<Integer>> owners = rulesByNeedle.get(fields[i]);
      needleRules[i] = new int[owners.size()][];
      for (int n = 0; n < owners.size(); n++) {
        needleRules[i][n] = owners.get(n).stream().mapToInt(Integer::intValue).toArray();
      }
    }
  }

  /** How many rules are prefiltered, out of all. */
  public int prefiltered() {
    return filtered;
  }

  public int size() {
    return rules.length;
  }

  /** The rules that may match the event, in their original order. */
  public void candidates(Event e, List<SigmaRule> out) {
    Marks m = marks.get();
    m.begin();
    for (int r : alwaysIndexes) {
      m.mark(r);
    }
    for (int i = 0; i < fields.length; i++) {
      m.owners = needleRules[i];
      if (fields[i].equals(ANY_FIELD)) {
        for (int v = 0; v < e.size(); v++) {
          String lower = e.lower(v);
          if (lower != null) {
            automata[i].search(lower, m);
          }
        }
        continue;
      }
      for (int v = e.first(fields[i]); v >= 0; v = e.next(v)) {
        String lower = e.lower(v);
        if (lower != null) {
          automata[i].search(lower, m);
        }
      }
    }
    int[] hits = m.hits();
    java.util.Arrays.sort(hits);
    for (int r : hits) {
      out.add(rules[r]);
    }
  }

  /**
   * Per-thread marks of the rules hit by the current event: an epoch stamp per rule instead of a
   * fresh array, so an event costs what it hits, not the size of the rule set.
   */
  private static final class Marks implements java.util.function.IntConsumer {
    private final int[] stamp;
    private final int[] list;
    private int count;
    private int epoch;
    int[][] owners;

    Marks(int rules) {
      stamp = new int[rules];
      list = new int[rules];
    }

    void begin() {
      if (++epoch == 0) {
        java.util.Arrays.fill(stamp, 0);
        epoch = 1;
      }
      count = 0;
    }

    void mark(int r) {
      if (stamp[r] != epoch) {
        stamp[r] = epoch;
        list[count++] = r;
      }
    }

    @Override
    public void accept(int needle) {
      for (int r : owners[needle]) {
        mark(r);
      }
    }

    int[] hits() {
      return java.util.Arrays.copyOf(list, count);
    }
  }

  /** The pseudo-field of keyword atoms: any value of the event. */
  static final String ANY_FIELD = "*";

  /** A field condition implied by the expression, with the longest shortest needle; or null. */
  static Atom necessary(Expr expr) {
    return switch (expr) {
      case Expr.Field f -> field(f);
      case Expr.Keywords k -> keywords(k);
      case Expr.And a -> best(a.items());
      case Expr.AtLeast al when al.count() >= al.items().size() -> best(al.items());
      case Expr.AtLeast al when al.count() == 1 -> union(al.items());
      case Expr.Or o -> union(o.items());
      default -> null;
    };
  }

  private static Atom field(Expr.Field f) {
    if (f.nullAllowed() || f.values().isEmpty()) {
      return null;
    }
    List<String> needles = new ArrayList<>();
    for (ValueMatcher m : f.values()) {
      String lit = m.requiredLiteral();
      if (lit == null || lit.isEmpty()) {
        if (!f.all()) {
          return null; // one value without a literal can match anything
        }
        continue;
      }
      if (f.all()) {
        // every value must be present: the longest one alone is necessary
        if (needles.isEmpty() || lit.length() > needles.get(0).length()) {
          needles.clear();
          needles.add(lit);
        }
      } else if (!needles.contains(lit)) {
        needles.add(lit);
      }
    }
    return needles.isEmpty() ? null : new Atom(f.name(), needles);
  }

  private static Atom keywords(Expr.Keywords k) {
    List<String> needles = new ArrayList<>();
    for (ValueMatcher m : k.values()) {
      String lit = m.requiredLiteral();
      if (lit == null || lit.isEmpty()) {
        if (!k.all()) {
          return null;
        }
        continue;
      }
      if (k.all()) {
        if (needles.isEmpty() || lit.length() > needles.get(0).length()) {
          needles.clear();
          needles.add(lit);
        }
      } else if (!needles.contains(lit)) {
        needles.add(lit);
      }
    }
    return needles.isEmpty() ? null : new Atom(ANY_FIELD, needles);
  }

  private static Atom best(List<Expr> items) {
    Atom best = null;
    for (Expr x : items) {
      Atom a = necessary(x);
      if (a != null && (best == null || a.minLength() > best.minLength())) {
        best = a;
      }
    }
    return best;
  }

  private static Atom union(List<Expr> items) {
    Map<String, List<String>> byField = new LinkedHashMap<>();
    for (Expr x : items) {
      Atom a = necessary(x);
      if (a == null) {
        return null;
      }
      for (Alt alt : a.alternatives()) {
        List<String> needles = byField.computeIfAbsent(alt.field(), k -> new ArrayList<>());
        for (String n : alt.needles()) {
          if (!needles.contains(n)) {
            needles.add(n);
          }
        }
      }
    }
    if (byField.isEmpty()) {
      return null;
    }
    List<Alt> alts = new ArrayList<>();
    byField.forEach((f, n) -> alts.add(new Alt(f, n)));
    return new Atom(alts);
  }
}
