package dev.bulwark.code.taint;

/** Iterators and enumerations: each element is the iterated container's element. */
final class IteratorModel implements TypeModel {
  @Override
  public boolean covers(CallResolver c, CallSite call) {
    String owner = call.owner();
    return call.receiverObject() != null
        && (TypeModels.is(c, owner, "java.util.Iterator")
            || TypeModels.is(c, owner, "java.util.Enumeration")
            || TypeModels.is(c, owner, "java.util.ListIterator"));
  }

  @Override
  public Value call(CallResolver c, CallSite call) {
    return switch (call.name()) {
      case "next", "nextElement", "previous" -> c.elementOf(call.recv(), call.st());
      case "hasNext", "hasMoreElements", "hasPrevious" -> Value.ofType("boolean");
      case "remove" -> Value.UNKNOWN;
      default -> null;
    };
  }
}
