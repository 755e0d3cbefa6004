package dev.bulwark.code.fix.templates;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.NodeList;
import com.github.javaparser.ast.expr.ArrayCreationExpr;
import com.github.javaparser.ast.expr.ArrayInitializerExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import dev.bulwark.code.fix.spi.Candidate;
import dev.bulwark.code.fix.spi.Concat;
import dev.bulwark.code.fix.spi.EditSet;
import dev.bulwark.code.fix.spi.FixContext;
import dev.bulwark.code.fix.spi.FixTemplate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * OS command injection → an argument list without a shell. {@code exec("ping -c 1 " + host)}
 * becomes {@code exec(new String[] {"ping", "-c", "1", requireSafeArgument(host)})}; a {@code sh
 * -c} wrapper is dropped; every untrusted argument passes an allowlist hook added to the class.
 */
public final class CommandInjectionFix implements FixTemplate {
  private static final List<String> SHELLS =
      List.of("sh", "bash", "/bin/sh", "/bin/bash", "cmd", "cmd.exe", "zsh");

  @Override
  public List<String> rules() {
    return List.of("java-cmdi");
  }

  @Override
  public List<Candidate> propose(FixContext ctx) {
    if (ctx.tracedNames().isEmpty()) {
      return List.of();
    }
    EditSet e = ctx.edits();
    NodeList<Expression> args;
    if (ctx.sinkCall().isPresent()) {
      args = ctx.sinkCall().get().getArguments();
    } else if (ctx.sinkCreation().isPresent()) {
      args = ctx.sinkCreation().get().getArguments();
    } else {
      return List.of();
    }
    boolean changed = false;
    boolean varargs =
        ctx.sinkCreation().isPresent()
            || ctx.sinkCall().map(m -> m.getNameAsString().equals("command")).orElse(false);
    if (varargs
        && args.size() == 3
        && isShell(args.get(0))
        && ctx.usesTraced(ctx.resolve(args.get(2)))) {
      // a shell command line as separate varargs: ("sh", "-c", "cmd " + x)
      List<String> argv = argv(ctx, e, ctx.resolve(args.get(2)));
      if (argv == null) {
        return List.of();
      }
      String head =
          ctx.sinkCreation().isPresent()
              ? "new " + e.text(ctx.sinkCreation().get().getType())
              : e.text(ctx.sinkCall().get().getScope().orElseThrow())
                  + "."
                  + ctx.sinkCall().get().getNameAsString();
      e.replace(ctx.sink(), head + "(" + String.join(", ", argv) + ")");
      changed = true;
    } else {
      for (Expression a : args) {
        Expression value = ctx.resolve(a);
        if (!ctx.usesTraced(value) && !ctx.usesTraced(a)) {
          continue;
        }
        if (value instanceof ArrayCreationExpr ac && ac.getInitializer().isPresent()) {
          value = ac.getInitializer().get();
        }
        if (value instanceof ArrayInitializerExpr init) {
          List<String> elements = elements(ctx, e, init.getValues());
          if (elements == null) {
            return List.of();
          }
          e.replace(init, "{" + String.join(", ", elements) + "}");
          changed = true;
        } else if (a == args.get(0)
            && ctx.sinkCall().isPresent()
            && ctx.sinkCall().get().getNameAsString().equals("exec")) {
          List<String> argv = argv(ctx, e, value);
          if (argv == null) {
            return List.of();
          }
          String array = "new String[] {" + String.join(", ", argv) + "}";
          if (value != a) {
            String declared =
                a instanceof NameExpr n ? ctx.declaredType(n.getNameAsString()).orElse("") : "";
            if (!declared.equals("String[]")) {
              // the command line lives in a String variable: build the list at the call instead
              e.replace(a, array);
            } else {
              e.replace(value, array);
            }
          } else {
            e.replace(a, array);
          }
          changed = true;
        }
      }
    }
    if (!changed) {
      return List.of();
    }
    ctx.topType()
        .ifPresent(t -> e.addMember(t, "requireSafeArgument", Helpers.REQUIRE_SAFE_ARGUMENT));
    return List.of(
        new Candidate(
            "Runs the program with an argument list instead of a shell command line, and passes untrusted arguments through an allowlist (requireSafeArgument).",
            e.apply(),
            List.of(),
            "template:argument-list"));
  }

  private static boolean isShell(Expression e) {
    return e instanceof StringLiteralExpr s && SHELLS.contains(s.asString());
  }

  /** Array elements with a shell wrapper removed and untrusted parts guarded. */
  private static List<String> elements(FixContext ctx, EditSet e, List<Expression> values) {
    List<Expression> vs = new ArrayList<>(values);
    if (vs.size() == 3
        && isShell(vs.get(0))
        && vs.get(1) instanceof StringLiteralExpr flag
        && (flag.asString().equals("-c") || flag.asString().equals("/c"))) {
      return argv(ctx, e, vs.get(2));
    }
    List<String> out = new ArrayList<>();
    for (Expression v : vs) {
      out.add(guarded(ctx, e, v));
    }
    return out;
  }

  /** An argument with its untrusted operands passed through the allowlist hook. */
  private static String guarded(FixContext ctx, EditSet e, Expression v) {
    if (!ctx.usesTraced(v)) {
      return e.text(v);
    }
    List<Concat.Part> parts = Concat.parts(v);
    if (parts.size() < 2) {
      return "requireSafeArgument(" + asString(ctx, v) + ")";
    }
    Map<Node, String> repl = new HashMap<>();
    for (Concat.Part p : parts) {
      if (!p.isLiteral() && ctx.usesTraced(p.expr())) {
        repl.put(p.expr(), "requireSafeArgument(" + asString(ctx, p.expr()) + ")");
      }
    }
    return e.textWith(v, repl);
  }

  private static String asString(FixContext ctx, Expression v) {
    String t = ctx.text(v);
    if (v instanceof NameExpr n
        && ctx.declaredType(n.getNameAsString()).map(x -> x.equals("String")).orElse(false)) {
      return t;
    }
    return "String.valueOf(" + t + ")";
  }

  /** Splits a command line written as a concatenation into arguments, untrusted parts guarded. */
  private static List<String> argv(FixContext ctx, EditSet e, Expression commandLine) {
    List<Concat.Part> parts = Concat.parts(commandLine);
    List<String> argv = new ArrayList<>();
    List<Object> current = new ArrayList<>();
    for (Concat.Part p : parts) {
      if (p.isLiteral()) {
        String text = p.literal();
        if (text.contains("'") || text.contains("\"") || text.matches("(?s).*[|;&$<>`].*")) {
          return null; // shell syntax: not a plain argument list
        }
        for (char c : text.toCharArray()) {
          if (Character.isWhitespace(c)) {
            flush(current, argv);
          } else {
            if (current.isEmpty() || !(current.get(current.size() - 1) instanceof StringBuilder)) {
              current.add(new StringBuilder());
            }
            ((StringBuilder) current.get(current.size() - 1)).append(c);
          }
        }
      } else {
        current.add(new Concat.Code(guarded(ctx, e, p.expr())));
      }
    }
    flush(current, argv);
    return argv.isEmpty() ? null : argv;
  }

  private static void flush(List<Object> current, List<String> argv) {
    if (current.isEmpty()) {
      return;
    }
    List<Object> pieces = new ArrayList<>();
    for (Object o : current) {
      pieces.add(o instanceof StringBuilder sb ? sb.toString() : o);
    }
    argv.add(Concat.join(pieces));
    current.clear();
  }
}
