package dev.bulwark.code.taint;

import dev.bulwark.code.project.ClassInfo;
import dev.bulwark.code.rules.LibraryModel;
import dev.bulwark.core.model.CodeFlow;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Untrusted data kept in attributes across entry points: a filter puts a request header into the
 * session under a constant name, a report page reads that attribute back and writes it into HTML.
 * Each entry point is analysed on its own, so the store is shared by every worker: a put of
 * untrusted data under a constant name records the taint (the first path to it, which is the
 * shortest the run saw first); a get of that name returns it, one step longer. A get that found
 * nothing records its entry point's class, so that a second pass can run those classes again once
 * the puts of the first pass are known.
 */
final class Attributes {
  private final List<LibraryModel.AttributeStore> stores;
  private final Map<String, Taint> stored = new ConcurrentHashMap<>();
  private final Map<String, Set<ClassInfo>> missed = new ConcurrentHashMap<>();

  Attributes(LibraryModel library) {
    this.stores = library.attributeStores();
  }

  boolean isEmpty() {
    return stored.isEmpty();
  }

  /**
   * The value a get returns when untrusted data was stored under its name, else null; a put of
   * untrusted data is recorded (and returns null: the call goes on as any library call).
   */
  Value call(Engine engine, CallSite call, ClassInfo entry) {
    if (stores.isEmpty() || call.owner() == null || call.args().isEmpty()) {
      return null;
    }
    Object key = call.args().get(0).constant();
    if (!(key instanceof String name)) {
      return null;
    }
    for (LibraryModel.AttributeStore s : stores) {
      if (!engine.types.isSubtype(call.owner(), s.type())) {
        continue;
      }
      String slot = s.scope() + "|" + name;
      if (s.put().contains(call.name()) && call.args().size() >= 2) {
        Taint t = engine.deepTaint(call.args().get(1), call.st());
        if (t != null) {
          stored.putIfAbsent(
              slot,
              t.step(
                  engine.findings.location(call.f().unit, call.node()),
                  "stored in " + s.scope() + " attribute '" + name + "'",
                  CodeFlow.Kind.STEP));
        }
        return null;
      }
      if (s.get().contains(call.name())) {
        Taint t = stored.get(slot);
        if (t == null) {
          if (entry != null) {
            missed.computeIfAbsent(slot, k -> ConcurrentHashMap.newKeySet()).add(entry);
          }
          return null;
        }
        return Value.ofType("java.lang.Object")
            .withTaint(
                t.step(
                    engine.findings.location(call.f().unit, call.node()),
                    "read from " + s.scope() + " attribute '" + name + "'",
                    CodeFlow.Kind.STEP));
      }
    }
    return null;
  }

  /**
   * The classes whose entry points read an attribute before any entry point had stored untrusted
   * data in it, now that one has; forgets them, so the next pass asks only about new misses.
   */
  Set<ClassInfo> revisit() {
    Set<ClassInfo> out = ConcurrentHashMap.newKeySet();
    for (String slot : List.copyOf(missed.keySet())) {
      if (stored.containsKey(slot)) {
        Set<ClassInfo> cs = missed.remove(slot);
        if (cs != null) {
          out.addAll(cs);
        }
      }
    }
    return out;
  }
}
