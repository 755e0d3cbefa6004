package dev.bulwark.code.taint;

import dev.bulwark.core.model.CodeFlow;
import java.util.Objects;

/**
 * An abstract value: its static type where known, a constant where the analysis can compute one
 * (strings, numbers, booleans, characters), a reference to an abstract object (collections,
 * builders, project objects, lambdas), and a taint when it derives from untrusted input.
 */
public record Value(String type, Object constant, int obj, Taint taint) {
  public static final Value UNKNOWN = new Value(null, null, 0, null);
  public static final Value NULL = new Value("null", null, 0, null);

  public static Value constant(Object c) {
    String type =
        switch (c) {
          case String s -> "java.lang.String";
          case Long l -> "int";
          case Double d -> "double";
          case Boolean b -> "boolean";
          case Character ch -> "char";
          default -> null;
        };
    return new Value(type, c, 0, null);
  }

  public static Value ofType(String type) {
    return new Value(type, null, 0, null);
  }

  public boolean tainted() {
    return taint != null;
  }

  public boolean isConstant() {
    return constant != null;
  }

  public Value withTaint(Taint t) {
    return new Value(type, t == null ? constant : null, obj, t);
  }

  public Value withType(String t) {
    return new Value(t, constant, obj, taint);
  }

  public Value withObj(int o) {
    return new Value(type, constant, o, taint);
  }

  /**
   * This value with a step appended to its trace; an untainted value has no trace to extend.
   * Callers test {@link #tainted()} first where building the location or message costs.
   */
  public Value step(dev.bulwark.core.model.Location.File at, String message) {
    return taint == null ? this : withTaint(taint.step(at, message, CodeFlow.Kind.STEP));
  }

  public Value untainted() {
    return taint == null ? this : new Value(type, constant, obj, null);
  }

  /** This value's taint, without the object reference (for joining contents). */
  Value untaintedObjOnly() {
    return new Value(type, null, 0, taint);
  }

  /**
   * The least upper bound: tainted if either is, constant only if both agree. Where the two name
   * different types or objects the choice is fixed by an order on them, not by which came first, so
   * that joining branches in any order gives the same value (commutative and associative).
   */
  public static Value join(Value a, Value b) {
    if (a == null) {
      return b;
    }
    if (b == null || a.equals(b)) {
      return a;
    }
    Object c = Objects.equals(a.constant, b.constant) ? a.constant : null;
    int o = a.obj == 0 ? b.obj : b.obj == 0 ? a.obj : Math.min(a.obj, b.obj);
    return new Value(joinType(a.type, b.type), c, o, Taint.join(a.taint, b.taint));
  }

  /**
   * A known type wins over the null literal's type, which wins over none; of two known types the
   * one first in name order is kept (the object keeps its own type for dispatch).
   */
  private static String joinType(String a, String b) {
    if (Objects.equals(a, b)) {
      return a;
    }
    boolean knownA = a != null && !"null".equals(a);
    boolean knownB = b != null && !"null".equals(b);
    if (knownA && knownB) {
      return a.compareTo(b) <= 0 ? a : b;
    }
    if (knownA || knownB) {
      return knownA ? a : b;
    }
    return "null".equals(a) && "null".equals(b) ? "null" : null;
  }
}
