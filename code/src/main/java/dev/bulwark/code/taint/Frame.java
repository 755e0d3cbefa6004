package dev.bulwark.code.taint;

import dev.bulwark.code.project.ClassInfo;
import dev.bulwark.code.project.MethodInfo;
import dev.bulwark.code.project.SourceUnit;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/** One activation: the method, its class and file, {@code this}, and where returns go. */
final class Frame {
  final ClassInfo cls;
  final SourceUnit unit;
  final Value self;
  final MethodInfo method;
  final int depth;
  Value returned;
  State returnState;
  State throwState;
  final Deque<FlowCtx> flow = new ArrayDeque<>();
  Map<String, Value> captured = Map.of();
  List<Value> yields;

  Frame(ClassInfo cls, Value self, MethodInfo method, int depth) {
    this.cls = cls;
    this.unit = cls.unit();
    this.self = self;
    this.method = method;
    this.depth = depth;
  }

  /** Where control goes for break and continue. */
  static final class FlowCtx {
    final boolean loop;
    State breaks;
    State continues;

    FlowCtx(boolean loop) {
      this.loop = loop;
    }
  }
}
