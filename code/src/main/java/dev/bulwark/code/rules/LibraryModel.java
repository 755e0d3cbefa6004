package dev.bulwark.code.rules;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What Bulwark knows about library code it cannot see: type hierarchies, return types of methods
 * used in call chains, where untrusted data comes from (sources), what cleanses it (sanitizers),
 * how it moves through library calls (propagators), and which calls set flags on an object
 * (Cookie.setSecure(true), a parser factory's secure-processing feature). Loaded from the YAML
 * files under {@code rules/java/library/}.
 */
public final class LibraryModel {

  /** A method whose result has a known type and, optionally, a tag. */
  public record Returns(MethodSpec method, String type, String tag) {}

  /**
   * A method whose result is untrusted. {@code tag} marks the result object (e.g. an upload
   * stream).
   */
  public record Source(MethodSpec method, String description) {}

  /** A method whose result carries argument {@code arg} cleansed for {@code cleanses}. */
  public record Sanitizer(MethodSpec method, Set<Category> cleanses, int arg) {}

  /**
   * A method that moves data: from receiver (-1) or arguments to the result or the receiver. {@code
   * restores} marks decoders: what an encoder cleansed is dangerous again once decoded.
   */
  public record Propagator(
      MethodSpec method, List<Integer> from, boolean toReceiver, boolean restores) {}

  /**
   * A call that sets {@code flag} on the receiver (or, for factories, on the object it returns)
   * when its arguments equal {@code when}.
   */
  public record Flag(MethodSpec method, List<Object> when, String flag, boolean onResult) {}

  final Map<String, Set<String>> supertypes = new HashMap<>();
  final List<Returns> returns = new ArrayList<>();
  final List<Source> sources = new ArrayList<>();
  final Set<String> parameterSourceAnnotations = new HashSet<>();
  final Set<String> handlerAnnotations = new HashSet<>();
  final List<Sanitizer> sanitizers = new ArrayList<>();
  final List<Propagator> propagators = new ArrayList<>();
  final List<Flag> flags = new ArrayList<>();
  private final Map<String, List<Object>> byName = new HashMap<>();

  void index() {
    byName.clear();
    for (Returns r : returns) {
      add(r.method(), r);
    }
    for (Source s : sources) {
      add(s.method(), s);
    }
    for (Sanitizer s : sanitizers) {
      add(s.method(), s);
    }
    for (Propagator p : propagators) {
      add(p.method(), p);
    }
    for (Flag f : flags) {
      add(f.method(), f);
    }
  }

  private void add(MethodSpec m, Object entry) {
    for (String n : m.names()) {
      byName.computeIfAbsent(n, k -> new ArrayList<>()).add(entry);
    }
  }

  /** Entries of every kind for methods with this simple name (including "*" wildcards). */
  public List<Object> entriesNamed(String name) {
    List<Object> exact = byName.getOrDefault(name, List.of());
    List<Object> any = byName.getOrDefault("*", List.of());
    if (any.isEmpty()) {
      return exact;
    }
    List<Object> all = new ArrayList<>(exact);
    all.addAll(any);
    return all;
  }

  public Set<String> supertypesOf(String type) {
    return supertypes.getOrDefault(type, Set.of());
  }

  public boolean isParameterSource(String annotationFqn) {
    return parameterSourceAnnotations.contains(annotationFqn);
  }

  public boolean isHandlerAnnotation(String annotationFqn) {
    return handlerAnnotations.contains(annotationFqn);
  }

  public Set<String> parameterSourceAnnotations() {
    return Set.copyOf(parameterSourceAnnotations);
  }

  public Set<String> handlerAnnotations() {
    return Set.copyOf(handlerAnnotations);
  }

  static Set<Category> categories(List<String> names) {
    if (names.contains("all")) {
      return EnumSet.allOf(Category.class);
    }
    EnumSet<Category> out = EnumSet.noneOf(Category.class);
    for (String n : names) {
      out.add(Category.parse(n));
    }
    return out;
  }
}
