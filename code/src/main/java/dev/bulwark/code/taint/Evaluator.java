package dev.bulwark.code.taint;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.stmt.Statement;
import dev.bulwark.code.project.MethodInfo;
import java.util.List;

/**
 * What the call layer and the guards ask of the interpreter: the value of an expression, the effect
 * of a statement, and the result of running a project method with abstract arguments.
 */
interface Evaluator {
  Value eval(Expression e, State st, Frame f);

  List<Value> evalArgs(List<Expression> args, State st, Frame f);

  void exec(Statement s, State st, Frame f);

  /**
   * Runs a project method with abstract arguments in the caller's heap and returns its result; the
   * callee's effects on objects are written back into {@code st}.
   */
  Value invoke(MethodInfo m, Value self, List<Value> args, State st, Frame caller, Node site);
}
