package dev.bulwark.code.taint;

import com.github.javaparser.ast.Node;
import java.util.List;

/**
 * One call into library code as the interpreter meets it: the receiver's static type (or the class
 * of a static call), the method, the abstract receiver and arguments, the syntax node it is at, and
 * the state and frame it runs in. Sinks, type models and the library model all read a call from
 * here instead of from eight parameters.
 */
record CallSite(
    String owner,
    String name,
    Value recv,
    List<Value> args,
    boolean isStatic,
    boolean constructor,
    Node node,
    State st,
    Frame f) {

  CallSite {
    // the argument list is the interpreter's own, freshly evaluated: not copied, for speed
    recv = recv == null ? Value.UNKNOWN : recv;
  }

  static CallSite instance(
      String owner, String name, Value recv, List<Value> args, Node node, State st, Frame f) {
    return new CallSite(owner, name, recv, args, false, false, node, st, f);
  }

  static CallSite ofStatic(
      String owner, String name, Value recv, List<Value> args, Node node, State st, Frame f) {
    return new CallSite(owner, name, recv, args, true, false, node, st, f);
  }

  static CallSite ofConstructor(String type, List<Value> args, Node node, State st, Frame f) {
    return new CallSite(type, "<init>", Value.ofType(type), args, true, true, node, st, f);
  }

  /** The receiver's abstract object in this state, or null when it has none. */
  Obj receiverObject() {
    return recv.obj() == 0 ? null : st.read(recv.obj());
  }

  /** Argument {@code i}, the receiver for -1, or null when the call has no such argument. */
  Value arg(int i) {
    return i == -1 ? recv : i < args.size() ? args.get(i) : null;
  }
}
