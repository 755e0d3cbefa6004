package dev.bulwark.intel.indicator;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Decides whether a parsed pattern's comparison expressions hold for one record's values. */
final class Evaluator {
  /**
   * Characters a MATCHES expression may read per value before it counts as not matching: Java's
   * regular expressions backtrack, and an indicator's expression comes from outside.
   */
  static final int REGEX_BUDGET = 200_000;

  private final Map<String, Pattern> compiled = new HashMap<>();

  /** Whether {@code c} holds for the record holding {@code values}. */
  boolean holds(StixPattern.Comparison c, Set<Observable> values) {
    return switch (c) {
      case StixPattern.AllOf a -> a.parts().stream().allMatch(p -> holds(p, values));
      case StixPattern.AnyOf o -> o.parts().stream().anyMatch(p -> holds(p, values));
      case StixPattern.Test t -> test(t, values);
    };
  }

  /**
   * A test holds when some value of a kind the path names satisfies it; {@code NOT} negates the
   * comparison for that value (STIX §9.5), so a record without any value of the kind never matches.
   */
  private boolean test(StixPattern.Test t, Set<Observable> values) {
    for (Observable o : values) {
      if (t.kinds().contains(o.kind()) && compare(t, o) != t.negated()) {
        return true;
      }
    }
    return false;
  }

  private boolean compare(StixPattern.Test t, Observable o) {
    String v = o.value();
    return switch (t.op()) {
      case EQ, IN -> {
        for (String lit : t.values()) {
          if (v.equals(new Observable(o.kind(), lit).value())) {
            yield true;
          }
        }
        yield false;
      }
      case LIKE -> like(t.values().get(0), o);
      case MATCHES -> matches(t.values().get(0), v);
      case ISSUBSET -> {
        StixPattern.Cidr c = StixPattern.Cidr.parse(t.values().get(0));
        yield c != null && c.contains(v);
      }
    };
  }

  /** SQL LIKE: {@code %} any run, {@code _} one character; case as the kind compares. */
  private boolean like(String pattern, Observable o) {
    String p = new Observable(o.kind(), pattern).value();
    StringBuilder re = new StringBuilder();
    for (int i = 0; i < p.length(); i++) {
      char c = p.charAt(i);
      if (c == '%') {
        re.append(".*");
      } else if (c == '_') {
        re.append('.');
      } else {
        re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    Pattern compiledLike =
        compiled.computeIfAbsent("like:" + o.kind() + ":" + p, k -> Pattern.compile(re.toString()));
    return compiledLike.matcher(o.value()).matches();
  }

  private boolean matches(String regex, String value) {
    Pattern p = compiled.computeIfAbsent("re:" + regex, k -> Pattern.compile(regex));
    try {
      return p.matcher(new Budgeted(value, REGEX_BUDGET)).find();
    } catch (Budgeted.Exhausted e) {
      return false;
    }
  }

  /** A character sequence that stops a regular expression reading it past a budget. */
  private static final class Budgeted implements CharSequence {
    static final class Exhausted extends RuntimeException {
      private static final long serialVersionUID = 1L;

      Exhausted() {
        super("regular expression budget exhausted", null, false, false);
      }
    }

    private final String s;
    private final int[] left;

    Budgeted(String s, int budget) {
      this(s, new int[] {budget});
    }

    private Budgeted(String s, int[] left) {
      this.s = s;
      this.left = left;
    }

    @Override
    public int length() {
      return s.length();
    }

    @Override
    public char charAt(int index) {
      if (--left[0] < 0) {
        throw new Exhausted();
      }
      return s.charAt(index);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return new Budgeted(s.substring(start, end), left);
    }

    @Override
    public String toString() {
      return s;
    }
  }

  /** Lower-cases for messages; kept here so callers need not know the kinds' case rules. */
  static String describe(Observable o) {
    return o.kind().name().toLowerCase(Locale.ROOT) + " " + o.value();
  }

  /** Every value of the record a test of the pattern holds for, to show why it matched. */
  static void witnesses(StixPattern.Comparison c, Set<Observable> values, List<Observable> out) {
    Evaluator e = new Evaluator();
    switch (c) {
      case StixPattern.AllOf a -> a.parts().forEach(p -> witnesses(p, values, out));
      case StixPattern.AnyOf o -> o.parts().forEach(p -> witnesses(p, values, out));
      case StixPattern.Test t -> {
        for (Observable o : values) {
          if (t.kinds().contains(o.kind()) && e.compare(t, o) != t.negated() && !out.contains(o)) {
            out.add(o);
          }
        }
      }
    }
  }
}
