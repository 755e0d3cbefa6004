package dev.bulwark.logs.sigma;

import dev.bulwark.logs.event.Event;
import java.util.List;

/** A compiled detection: the condition tree with its selections inlined. */
sealed interface Expr {

  boolean eval(Event e);

  record And(List<Expr> items) implements Expr {
    @Override
    public boolean eval(Event e) {
      for (Expr x : items) {
        if (!x.eval(e)) {
          return false;
        }
      }
      return true;
    }
  }

  record Or(List<Expr> items) implements Expr {
    @Override
    public boolean eval(Event e) {
      for (Expr x : items) {
        if (x.eval(e)) {
          return true;
        }
      }
      return false;
    }
  }

  record Not(Expr item) implements Expr {
    @Override
    public boolean eval(Event e) {
      return !item.eval(e);
    }
  }

  /** At least {@code count} of the items hold ("1 of selection_*"). */
  record AtLeast(int count, List<Expr> items) implements Expr {
    @Override
    public boolean eval(Event e) {
      int n = 0;
      for (Expr x : items) {
        if (x.eval(e) && ++n >= count) {
          return true;
        }
      }
      return false;
    }
  }

  record Const(boolean value) implements Expr {
    @Override
    public boolean eval(Event e) {
      return value;
    }
  }

  /**
   * One field against its values: any value (or all, with the {@code all} modifier); a null rule
   * value matches an absent or empty field.
   */
  record Field(String name, List<ValueMatcher> values, boolean all, boolean nullAllowed)
      implements Expr {
    @Override
    public boolean eval(Event e) {
      int idx = e.first(name);
      if (nullAllowed && isNull(e, idx)) {
        return true;
      }
      if (values.isEmpty()) {
        return false;
      }
      if (all) {
        for (ValueMatcher m : values) {
          if (!anyValue(e, idx, m)) {
            return false;
          }
        }
        return true;
      }
      for (ValueMatcher m : values) {
        if (anyValue(e, idx, m)) {
          return true;
        }
      }
      return false;
    }

    private static boolean isNull(Event e, int first) {
      for (int i = first; i >= 0; i = e.next(i)) {
        String v = e.value(i);
        if (v != null && !v.isEmpty()) {
          return false;
        }
      }
      return true;
    }

    static boolean anyValue(Event e, int first, ValueMatcher m) {
      for (int i = first; i >= 0; i = e.next(i)) {
        String v = e.value(i);
        if (v != null && m.test(v, e.lower(i))) {
          return true;
        }
      }
      return false;
    }
  }

  record Exists(String name, boolean expected) implements Expr {
    @Override
    public boolean eval(Event e) {
      return e.has(name) == expected;
    }
  }

  /** The {@code fieldref} modifier: the field compared with another field of the same event. */
  record FieldRef(String name, String other, String mode, boolean cased) implements Expr {
    @Override
    public boolean eval(Event e) {
      String a = e.get(name);
      String b = e.get(other);
      if (a == null || b == null) {
        return false;
      }
      if (!cased) {
        a = a.toLowerCase(java.util.Locale.ROOT);
        b = b.toLowerCase(java.util.Locale.ROOT);
      }
      return switch (mode) {
        case "contains" -> a.contains(b);
        case "startswith" -> a.startsWith(b);
        case "endswith" -> a.endsWith(b);
        default -> a.equals(b);
      };
    }
  }

  /** Keywords: values searched in every field of the event. */
  record Keywords(List<ValueMatcher> values, boolean all) implements Expr {
    @Override
    public boolean eval(Event e) {
      for (ValueMatcher m : values) {
        boolean hit = false;
        for (int i = 0; i < e.size() && !hit; i++) {
          String v = e.value(i);
          hit = v != null && m.test(v, e.lower(i));
        }
        if (hit && !all) {
          return true;
        }
        if (!hit && all) {
          return false;
        }
      }
      return all && !values.isEmpty();
    }
  }
}
