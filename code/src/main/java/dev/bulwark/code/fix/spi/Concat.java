package dev.bulwark.code.fix.spi;

import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import java.util.ArrayList;
import java.util.List;

/** String concatenations taken apart into literal text and the expressions between it. */
public final class Concat {
  private Concat() {}

  /** One operand: literal text, or an expression. */
  public record Part(String literal, Expression expr) {
    public boolean isLiteral() {
      return literal != null;
    }
  }

  /** The operands of a {@code +} chain, left to right; a single expression when it is no chain. */
  public static List<Part> parts(Expression e) {
    List<Part> out = new ArrayList<>();
    flatten(e, out);
    return out;
  }

  private static void flatten(Expression e, List<Part> out) {
    if (e instanceof EnclosedExpr en && en.getInner() instanceof BinaryExpr) {
      flatten(en.getInner(), out);
    } else if (e instanceof BinaryExpr b
        && b.getOperator() == BinaryExpr.Operator.PLUS
        && startsWithString(b)) {
      flatten(b.getLeft(), out);
      flatten(b.getRight(), out);
    } else if (e instanceof StringLiteralExpr s) {
      out.add(new Part(s.asString(), null));
    } else {
      out.add(new Part(null, e));
    }
  }

  /**
   * Left-associated {@code +} is string concatenation once a string literal is among the operands.
   */
  private static boolean startsWithString(BinaryExpr b) {
    return !b.findAll(StringLiteralExpr.class).isEmpty();
  }

  public static boolean hasLiteral(List<Part> parts) {
    return parts.stream().anyMatch(Part::isLiteral);
  }

  /** A Java string literal for the text. */
  public static String literal(String text) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }

  /**
   * Rebuilds a concatenation from literal text and expression source, merging adjacent literals.
   */
  public static String join(List<Object> pieces) {
    List<String> out = new ArrayList<>();
    StringBuilder lit = null;
    for (Object p : pieces) {
      if (p instanceof String s) {
        lit = lit == null ? new StringBuilder(s) : lit.append(s);
      } else {
        if (lit != null) {
          out.add(literal(lit.toString()));
          lit = null;
        }
        out.add(((Code) p).text());
      }
    }
    if (lit != null) {
      out.add(literal(lit.toString()));
    }
    return out.isEmpty() ? "\"\"" : String.join(" + ", out);
  }

  /** Source text of an expression kept in a rebuilt concatenation. */
  public record Code(String text) {}
}
