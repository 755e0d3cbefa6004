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

  final Map<String, Set<String>> supertypes = new HashMap<>();
  final List<LibraryEntry.Returns> returns = new ArrayList<>();
  final List<LibraryEntry.Source> sources = new ArrayList<>();
  final Set<String> parameterSourceAnnotations = new HashSet<>();
  final Set<String> handlerAnnotations = new HashSet<>();
  final Set<String> requestTypes = new HashSet<>();
  final List<AttributeStore> attributeStores = new ArrayList<>();

  /**
   * A container of named attributes that outlives one call (a session, a request passed along a
   * filter chain, the application context): what one entry point puts under a constant name,
   * another reads back.
   */
  public record AttributeStore(String type, Set<String> put, Set<String> get, String scope) {
    public AttributeStore {
      put = Set.copyOf(put);
      get = Set.copyOf(get);
    }
  }

  final List<LibraryEntry.Sanitizer> sanitizers = new ArrayList<>();
  final List<LibraryEntry.Propagator> propagators = new ArrayList<>();
  final List<LibraryEntry.Flag> flags = new ArrayList<>();
  private final Map<String, List<LibraryEntry>> byName = new HashMap<>();

  /** A copy to which a rule pack can add entries without touching the built-in model. */
  LibraryModel copy() {
    LibraryModel c = new LibraryModel();
    supertypes.forEach((k, v) -> c.supertypes.put(k, new HashSet<>(v)));
    c.returns.addAll(returns);
    c.sources.addAll(sources);
    c.parameterSourceAnnotations.addAll(parameterSourceAnnotations);
    c.handlerAnnotations.addAll(handlerAnnotations);
    c.requestTypes.addAll(requestTypes);
    c.attributeStores.addAll(attributeStores);
    c.sanitizers.addAll(sanitizers);
    c.propagators.addAll(propagators);
    c.flags.addAll(flags);
    c.index();
    return c;
  }

  /** Every source, sanitizer and propagator entry (what specification inference compares with). */
  public List<LibraryEntry> entries() {
    List<LibraryEntry> all = new ArrayList<>();
    all.addAll(sources);
    all.addAll(sanitizers);
    all.addAll(propagators);
    return all;
  }

  void index() {
    byName.clear();
    for (LibraryEntry.Returns r : returns) {
      add(r.method(), r);
    }
    for (LibraryEntry.Source s : sources) {
      add(s.method(), s);
    }
    for (LibraryEntry.Sanitizer s : sanitizers) {
      add(s.method(), s);
    }
    for (LibraryEntry.Propagator p : propagators) {
      add(p.method(), p);
    }
    for (LibraryEntry.Flag f : flags) {
      add(f.method(), f);
    }
  }

  private void add(MethodSpec m, LibraryEntry entry) {
    for (String n : m.names()) {
      byName.computeIfAbsent(n, k -> new ArrayList<>()).add(entry);
    }
  }

  /** Entries of every kind for methods with this simple name (including "*" wildcards). */
  public List<LibraryEntry> entriesNamed(String name) {
    List<LibraryEntry> exact = byName.getOrDefault(name, List.of());
    List<LibraryEntry> any = byName.getOrDefault("*", List.of());
    if (any.isEmpty()) {
      return exact;
    }
    List<LibraryEntry> all = new ArrayList<>(exact);
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

  /**
   * The types of the request objects web frameworks hand to their entry points (a servlet's
   * request, Stapler's, Vert.x's routing context): a project whose methods take them serves web
   * requests.
   */
  public Set<String> requestTypes() {
    return Set.copyOf(requestTypes);
  }

  public List<AttributeStore> attributeStores() {
    return List.copyOf(attributeStores);
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
