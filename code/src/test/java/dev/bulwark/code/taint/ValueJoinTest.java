package dev.bulwark.code.taint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.code.rules.Category;
import dev.bulwark.core.model.CodeFlow;
import dev.bulwark.core.model.Location;
import dev.bulwark.core.model.Region;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Properties of the value lattice over many generated values: the join of branches must not depend
 * on the order the interpreter meets them in. The generator draws from small pools of types,
 * constants, objects and traces so that equal and unequal parts both occur often; a fixed seed
 * keeps any failure reproducible.
 */
class ValueJoinTest {
  private static final int RUNS = 20_000;
  private static final String[] TYPES = {null, "null", "java.lang.String", "java.util.List", "int"};
  private static final Object[] CONSTANTS = {null, "a", "b", 1L, 2L, true, 'c'};
  private final List<Trace> traces = traces();

  private static List<Trace> traces() {
    List<Trace> out = new ArrayList<>();
    Location.File a = new Location.File("A.java", new Region(3, 1, 3, 9));
    Location.File b = new Location.File("B.java", new Region(7, 2, 7, 4));
    Trace s1 = Trace.source(a, "request parameter");
    Trace s2 = Trace.source(b, "archive entry name");
    out.add(s1);
    out.add(s2);
    out.add(s1.then(b, "assigned to x", CodeFlow.Kind.STEP));
    out.add(s2.then(a, "assigned to x", CodeFlow.Kind.STEP));
    out.add(s1.then(b, "concatenated", CodeFlow.Kind.STEP));
    return out;
  }

  private Value value(Random r) {
    if (r.nextInt(10) == 0) {
      return null;
    }
    Taint t = null;
    if (r.nextBoolean()) {
      EnumSet<Category> cleansed = EnumSet.noneOf(Category.class);
      for (Category c : List.of(Category.SQL, Category.PATH, Category.XSS)) {
        if (r.nextBoolean()) {
          cleansed.add(c);
        }
      }
      t = new Taint(cleansed, traces.get(r.nextInt(traces.size())), r.nextInt(4) == 0);
    }
    Object c = t == null ? CONSTANTS[r.nextInt(CONSTANTS.length)] : null;
    return new Value(TYPES[r.nextInt(TYPES.length)], c, r.nextInt(3), t);
  }

  @Test
  void join_isCommutative() {
    Random r = new Random(1);
    for (int i = 0; i < RUNS; i++) {
      Value a = value(r);
      Value b = value(r);
      assertThat(Value.join(a, b)).as("%s ⊔ %s", a, b).isEqualTo(Value.join(b, a));
    }
  }

  @Test
  void join_isAssociative() {
    Random r = new Random(2);
    for (int i = 0; i < RUNS; i++) {
      Value a = value(r);
      Value b = value(r);
      Value c = value(r);
      assertThat(Value.join(Value.join(a, b), c))
          .as("(%s ⊔ %s) ⊔ %s", a, b, c)
          .isEqualTo(Value.join(a, Value.join(b, c)));
    }
  }

  @Test
  void join_isIdempotent_andNullIsItsIdentity() {
    Random r = new Random(3);
    for (int i = 0; i < RUNS; i++) {
      Value a = value(r);
      assertThat(Value.join(a, a)).isEqualTo(a);
      assertThat(Value.join(a, null)).isEqualTo(a);
      assertThat(Value.join(null, a)).isEqualTo(a);
    }
  }

  @Test
  void join_isAnUpperBound_forTaintAndCleansing() {
    Random r = new Random(4);
    for (int i = 0; i < RUNS; i++) {
      Value a = value(r);
      Value b = value(r);
      Value j = Value.join(a, b);
      if (a == null || b == null) {
        continue;
      }
      assertThat(j.tainted()).isEqualTo(a.tainted() || b.tainted());
      for (Category c : Category.values()) {
        boolean dangerous =
            (a.tainted() && a.taint().dangerousFor(c))
                || (b.tainted() && b.taint().dangerousFor(c));
        if (j.tainted()) {
          assertThat(j.taint().dangerousFor(c)).as("%s for %s ⊔ %s", c, a, b).isEqualTo(dangerous);
        }
      }
      if (j.isConstant()) {
        assertThat(j.constant()).isEqualTo(a.constant()).isEqualTo(b.constant());
      }
    }
  }

  @Test
  void join_keepsTheShorterTrace() {
    Trace shortTrace = traces.get(0);
    Trace longTrace = traces.get(2);
    Taint x = new Taint(Set.of(), longTrace, false);
    Taint y = new Taint(Set.of(), shortTrace, false);
    assertThat(Taint.join(x, y).trace()).isSameAs(shortTrace);
    assertThat(Taint.join(y, x).trace()).isSameAs(shortTrace);
  }
}
