package dev.bulwark.code.specs;

import dev.bulwark.code.rules.JavaRule;
import dev.bulwark.code.rules.LibraryEntry;
import dev.bulwark.code.rules.RulePacks;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The sources, sinks and sanitizers Bulwark already knows, looked up by a call's owner, name and
 * argument count: what bytecode and source checks compare a method's calls with.
 */
final class KnownApi {
  /** A taint sink: the rule and which arguments matter (-1 receiver, 99 every argument). */
  record Sink(JavaRule rule, List<Integer> args) {}

  private final Map<String, List<Map.Entry<JavaRule, JavaRule.Sink>>> sinks = new HashMap<>();
  private final RulePacks.Loaded rules;
  private final Function<String, Set<String>> ancestors;

  /**
   * {@code ancestors} gives a type's supertypes (itself included) from what the caller can see: the
   * project, a dependency's own classes, the library model and the JDK.
   */
  KnownApi(RulePacks.Loaded rules, Function<String, Set<String>> ancestors) {
    this.rules = rules;
    this.ancestors = ancestors;
    for (JavaRule r : rules.rules()) {
      if (r.kind() != JavaRule.Kind.TAINT) {
        continue;
      }
      for (JavaRule.Sink s : r.sinks()) {
        for (String n : s.method().names()) {
          sinks.computeIfAbsent(n, k -> new ArrayList<>()).add(Map.entry(r, s));
        }
      }
    }
  }

  private boolean ownerMatches(String owner, String specOwner, boolean constructor) {
    if (owner.equals(specOwner)) {
      return true;
    }
    return !constructor && ancestors.apply(owner).contains(specOwner);
  }

  /** The taint sinks this call is, if any. */
  List<Sink> sinks(String owner, String name, int argCount) {
    List<Sink> out = new ArrayList<>();
    for (var e : sinks.getOrDefault(name, List.of())) {
      JavaRule.Sink s = e.getValue();
      if (s.method().matchesName(name, argCount)
          && ownerMatches(owner, s.method().owner(), name.equals("<init>"))) {
        out.add(new Sink(e.getKey(), s.args()));
      }
    }
    return out;
  }

  /** The library model's source entry for this call, or null. */
  LibraryEntry.Source source(String owner, String name, int argCount) {
    for (LibraryEntry e : rules.library().entriesNamed(name)) {
      if (e instanceof LibraryEntry.Source s
          && s.method().matchesName(name, argCount)
          && ownerMatches(owner, s.method().owner(), false)) {
        return s;
      }
    }
    return null;
  }

  /** The library model's sanitizer entry for this call, or null. */
  LibraryEntry.Sanitizer sanitizer(String owner, String name, int argCount) {
    for (LibraryEntry e : rules.library().entriesNamed(name)) {
      if (e instanceof LibraryEntry.Sanitizer s
          && s.method().matchesName(name, argCount)
          && ownerMatches(owner, s.method().owner(), false)) {
        return s;
      }
    }
    return null;
  }

  /** Whether the library model or the rules already say anything about this method. */
  boolean known(String owner, String name, int argCount) {
    return !sinks(owner, name, argCount).isEmpty()
        || source(owner, name, argCount) != null
        || sanitizer(owner, name, argCount) != null;
  }

  /** Every simple name of a taint sink (for a cheap first look at a method body). */
  Set<String> sinkNames() {
    return sinks.keySet();
  }
}
