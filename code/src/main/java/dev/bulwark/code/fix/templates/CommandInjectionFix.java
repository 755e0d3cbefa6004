package dev.bulwark.code.fix.templates;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.NodeList;
import com.github.javaparser.ast.expr.ArrayCreationExpr;
import com.github.javaparser.ast.expr.ArrayInitializerExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import dev.bulwark.code.fix.Candidate;
import dev.bulwark.code.fix.Concat;
import dev.bulwark.code.fix.EditSet;
import dev.bulwark.code.fix.FixContext;
import dev.bulwark.code.fix.FixTemplate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
    Optional<String> traced = ctx.taintedName();
    if (traced.isEmpty()) {
      return List.of();
    }
    String name = traced.get();
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
    // a shell command line as separate varargs: ("sh", "-c", "cmd " + x)
    if (varargs
        && args.size() == 3
        && isShell(args.get(0))
        && args.get(2).findAll(NameExpr.class).stream()
            .anyMatch(n -> n.getNameAsString().equals(name))) {
      List<String> argv = argv(ctx, e, args.get(2), name);
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
        if (a.findAll(NameExpr.class).stream().noneMatch(n -> n.getNameAsString().equals(name))
            && !(a instanceof NameExpr)) {
          continue;
        }
        Expression value = ctx.resolve(a);
        if (value instanceof ArrayCreationExpr ac && ac.getInitializer().isPresent()) {
          value = ac.getInitializer().get();
        }
        if (value instanceof ArrayInitializerExpr init) {
          List<String> elements = elements(ctx, e, init.getValues(), name);
          if (elements == null) {
            return List.of();
          }
          e.replace(init, "{" + String.join(", ", elements) + "}");
          changed = true;
        } else if (value.findAll(NameExpr.class).stream()
                .anyMatch(n -> n.getNameAsString().equals(name))
            && a == args.get(0)
            && ctx.sinkCall().isPresent()) {
          List<String> argv = argv(ctx, e, value, name);
          if (argv == null) {
            return List.of();
          }
          String array = "new String[] {" + String.join(", ", argv) + "}";
          if (value != a) {
            e.replace(value, array);
            String declared = ctx.declaredType(((NameExpr) a).getNameAsString()).orElse("");
            if (!declared.equals("String[]")) {
              return List.of(); // a String variable would need its type changed too
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
    EditSet withHelper = e;
    ctx.topType()
        .ifPresent(
            t -> withHelper.addMember(t, "requireSafeArgument", Helpers.REQUIRE_SAFE_ARGUMENT));
    return List.of(
        new Candidate(
            "Runs the program with an argument list instead of a shell command line, and passes untrusted arguments through an allowlist (requireSafeArgument).",
            withHelper.apply(),
            List.of(),
            "template:argument-list"));
  }

  private static boolean isShell(Expression e) {
    return e instanceof StringLiteralExpr s && SHELLS.contains(s.asString());
  }

  /** Array elements with a shell wrapper removed and untrusted parts guarded. */
  private static List<String> elements(
      FixContext ctx, EditSet e, List<Expression> values, String name) {
    List<Expression> vs = new ArrayList<>(values);
    if (vs.size() == 3
        && isShell(vs.get(0))
        && vs.get(1) instanceof StringLiteralExpr flag
        && (flag.asString().equals("-c") || flag.asString().equals("/c"))) {
      return argv(ctx, e, vs.get(2), name);
    }
    List<String> out = new ArrayList<>();
    for (Expression v : vs) {
      out.add(guarded(ctx, e, v, name));
    }
    return out;
  }

  private static String guarded(FixContext ctx, EditSet e, Expression v, String name) {
    Map<Node, String> repl = new HashMap<>();
    for (NameExpr n : FixContext.uses(v, name)) {
      repl.put(n, "requireSafeArgument(" + name + ")");
    }
    return e.textWith(v, repl);
  }

  /** Splits a command line written as a concatenation into arguments, untrusted parts guarded. */
  private static List<String> argv(FixContext ctx, EditSet e, Expression commandLine, String name) {
    List<Concat.Part> parts = Concat.parts(commandLine);
    List<String> argv = new ArrayList<>();
    List<Object> current = new ArrayList<>();
    for (Concat.Part p : parts) {
      if (p.isLiteral()) {
        String text = p.literal();
        if (text.contains("'") || text.contains("\"") || text.matches(".*[|;&$<>`].*")) {
          return null; // shell syntax: not a plain argument list
        }
        int i = 0;
        while (i < text.length()) {
          char c = text.charAt(i);
          if (Character.isWhitespace(c)) {
            flush(current, argv);
          } else {
            if (current.isEmpty() || !(current.get(current.size() - 1) instanceof StringBuilder)) {
              current.add(new StringBuilder());
            }
            ((StringBuilder) current.get(current.size() - 1)).append(c);
          }
          i++;
        }
      } else {
        current.add(new Concat.Code(guarded(ctx, e, p.expr(), name)));
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
