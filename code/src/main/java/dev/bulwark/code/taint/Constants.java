package dev.bulwark.code.taint;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Folds operations on constants the way Java evaluates them, so that conditions such as {@code (7 *
 * 42) - 106 > 200} or {@code "ABC".charAt(1) == 'B'} decide which branch runs. Integral values are
 * kept as {@code Long}, floating ones as {@code Double}.
 */
final class Constants {
  private Constants() {}

  /** A reference to a type, used as the constant of a name that denotes a class. */
  record TypeRef(String fqn) {}

  /** An enum constant. */
  record EnumConst(String type, String name) {}

  static Object binary(String op, Object a, Object b) {
    if (a == null || b == null) {
      return null;
    }
    try {
      if (op.equals("PLUS") && (a instanceof String || b instanceof String)) {
        return str(a) + str(b);
      }
      if (op.equals("EQUALS") || op.equals("NOT_EQUALS")) {
        boolean eq = numeric(a) && numeric(b) ? num(a) == num(b) : Objects.equals(a, b);
        return op.equals("EQUALS") == eq;
      }
      if (a instanceof Boolean x && b instanceof Boolean y) {
        return switch (op) {
          case "AND", "BINARY_AND" -> x && y;
          case "OR", "BINARY_OR" -> x || y;
          case "XOR" -> x ^ y;
          default -> null;
        };
      }
      if (!numeric(a) || !numeric(b)) {
        return null;
      }
      if (a instanceof Double || b instanceof Double) {
        double x = num(a);
        double y = num(b);
        return switch (op) {
          case "PLUS" -> x + y;
          case "MINUS" -> x - y;
          case "MULTIPLY" -> x * y;
          case "DIVIDE" -> x / y;
          case "REMAINDER" -> x % y;
          case "LESS" -> x < y;
          case "LESS_EQUALS" -> x <= y;
          case "GREATER" -> x > y;
          case "GREATER_EQUALS" -> x >= y;
          default -> null;
        };
      }
      long x = (long) num(a);
      long y = (long) num(b);
      return switch (op) {
        case "PLUS" -> x + y;
        case "MINUS" -> x - y;
        case "MULTIPLY" -> x * y;
        case "DIVIDE" -> y == 0 ? null : x / y;
        case "REMAINDER" -> y == 0 ? null : x % y;
        case "LESS" -> x < y;
        case "LESS_EQUALS" -> x <= y;
        case "GREATER" -> x > y;
        case "GREATER_EQUALS" -> x >= y;
        case "BINARY_AND" -> x & y;
        case "BINARY_OR" -> x | y;
        case "XOR" -> x ^ y;
        case "LEFT_SHIFT" -> x << y;
        case "SIGNED_RIGHT_SHIFT" -> x >> y;
        case "UNSIGNED_RIGHT_SHIFT" -> x >>> y;
        default -> null;
      };
    } catch (ArithmeticException e) {
      return null;
    }
  }

  static Object unary(String op, Object a) {
    if (a == null) {
      return null;
    }
    return switch (op) {
      case "LOGICAL_COMPLEMENT" -> a instanceof Boolean b ? !b : null;
      case "MINUS" -> a instanceof Double d ? -d : numeric(a) ? -(long) num(a) : null;
      case "PLUS" -> numeric(a) ? a : null;
      case "BITWISE_COMPLEMENT" -> numeric(a) && !(a instanceof Double) ? ~(long) num(a) : null;
      default -> null;
    };
  }

  static boolean numeric(Object o) {
    return o instanceof Long || o instanceof Double || o instanceof Character;
  }

  static double num(Object o) {
    return switch (o) {
      case Long l -> l;
      case Double d -> d;
      case Character c -> c;
      default -> throw new IllegalArgumentException("not a number: " + o);
    };
  }

  static String str(Object o) {
    return switch (o) {
      case Character c -> String.valueOf(c);
      case Double d -> String.valueOf(d);
      case EnumConst e -> e.name();
      default -> String.valueOf(o);
    };
  }

  /** String methods on a constant receiver, with constant arguments. Null when not foldable. */
  static Object stringMethod(String s, String method, List<Object> args) {
    try {
      return switch (method) {
        case "length" -> (long) s.length();
        case "isEmpty" -> s.isEmpty();
        case "isBlank" -> s.isBlank();
        case "charAt" -> s.charAt((int) num(args.get(0)));
        case "substring" ->
            args.size() == 1
                ? s.substring((int) num(args.get(0)))
                : s.substring((int) num(args.get(0)), (int) num(args.get(1)));
        case "toUpperCase" -> s.toUpperCase(Locale.ROOT);
        case "toLowerCase" -> s.toLowerCase(Locale.ROOT);
        case "trim" -> s.trim();
        case "strip" -> s.strip();
        case "equals" -> s.equals(args.get(0));
        case "equalsIgnoreCase" -> args.get(0) instanceof String o && s.equalsIgnoreCase(o);
        case "contains" -> s.contains(str(args.get(0)));
        case "startsWith" -> s.startsWith(str(args.get(0)));
        case "endsWith" -> s.endsWith(str(args.get(0)));
        case "indexOf" ->
            args.get(0) instanceof Character c
                ? (long) s.indexOf(c)
                : (long) s.indexOf(str(args.get(0)));
        case "lastIndexOf" ->
            args.get(0) instanceof Character c
                ? (long) s.lastIndexOf(c)
                : (long) s.lastIndexOf(str(args.get(0)));
        case "concat" -> s + str(args.get(0));
        case "replace" -> s.replace(str(args.get(0)), str(args.get(1)));
        case "replaceAll" -> s.replaceAll(str(args.get(0)), str(args.get(1)));
        case "toString", "intern" -> s;
        case "hashCode" -> (long) s.hashCode();
        case "compareTo" -> (long) s.compareTo(str(args.get(0)));
        case "repeat" -> s.repeat((int) num(args.get(0)));
        default -> null;
      };
    } catch (RuntimeException e) {
      return null;
    }
  }
}
