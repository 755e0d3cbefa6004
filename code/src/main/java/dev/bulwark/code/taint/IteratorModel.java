package dev.bulwark.code.taint;

/** Iterators and enumerations: each element is the iterated container's element. */
final class IteratorModel implements TypeModel {
  @Override
  public boolean covers(Engine e, CallSite call) {
    String owner = call.owner();
    return call.receiverObject() != null
        && (TypeModels.is(e, owner, "java.util.Iterator")
            || TypeModels.is(e, owner, "java.util.Enumeration")
            || TypeModels.is(e, owner, "java.util.ListIterator"));
  }

  @Override
  public Value call(Engine e, CallSite call) {
    return switch (call.name()) {
      case "next", "nextElement", "previous" -> e.elementOf(call.recv(), call.st());
      case "hasNext", "hasMoreElements", "hasPrevious" -> Value.ofType("boolean");
      case "remove" -> Value.UNKNOWN;
      default -> null;
    };
  }
}
