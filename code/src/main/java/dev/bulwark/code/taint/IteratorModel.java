package dev.bulwark.code.taint;

import java.util.List;

/** Iterators and enumerations: each element is the iterated container's element. */
final class IteratorModel extends ObjectModel {
  IteratorModel() {
    super(
        List.of("java.util.Iterator", "java.util.Enumeration", "java.util.ListIterator"),
        List.of());
  }

  @Override
  Value call(Engine e, CallSite call, Obj ro) {
    return switch (call.name()) {
      case "next", "nextElement", "previous" -> e.elementOf(call.recv(), call.st());
      case "hasNext", "hasMoreElements", "hasPrevious" -> Value.ofType("boolean");
      case "remove" -> Value.UNKNOWN;
      default -> null;
    };
  }
}
