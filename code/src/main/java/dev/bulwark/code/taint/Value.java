package dev.bulwark.code.taint;

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

  public Value untainted() {
    return taint == null ? this : new Value(type, constant, obj, null);
  }

  /** This value's taint, without the object reference (for joining contents). */
  Value untaintedObjOnly() {
    return new Value(type, null, 0, taint);
  }

  /** The least upper bound: tainted if either is, constant only if both agree. */
  public static Value join(Value a, Value b) {
    if (a == null) {
      return b;
    }
    if (b == null || a.equals(b)) {
      return a;
    }
    String type =
        Objects.equals(a.type, b.type)
            ? a.type
            : a.type == null || "null".equals(a.type)
                ? b.type
                : b.type == null || "null".equals(b.type) ? a.type : a.type;
    Object c = Objects.equals(a.constant, b.constant) ? a.constant : null;
    int o = a.obj == b.obj ? a.obj : a.obj != 0 ? a.obj : b.obj;
    return new Value(type, c, o, Taint.join(a.taint, b.taint));
  }
}
