package dev.bulwark.code.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A set of methods of one type, written {@code owner#name1,name2} with an optional {@code /n}
 * arity; {@code <init>} names constructors. {@code {javax,jakarta}.servlet.X} expands to both
 * packages, so one line covers the old and the new namespace.
 */
public record MethodSpec(String owner, Set<String> names, int arity) {

  public MethodSpec {
    if (owner == null || owner.isBlank()) {
      throw new IllegalArgumentException("method spec needs an owner type");
    }
    names = Set.copyOf(names);
  }

  public boolean matchesName(String name, int argCount) {
    return (names.contains(name) || names.contains("*")) && (arity < 0 || arity == argCount);
  }

  /** Parses one spec, expanding braces into several. */
  public static List<MethodSpec> parse(String text) {
    String t = text.strip();
    List<MethodSpec> out = new ArrayList<>();
    for (String expanded : expandBraces(t)) {
      int hash = expanded.indexOf('#');
      if (hash < 1) {
        throw new IllegalArgumentException("method spec '" + text + "' must be owner#method");
      }
      String owner = expanded.substring(0, hash);
      String rest = expanded.substring(hash + 1);
      int arity = -1;
      int slash = rest.indexOf('/');
      if (slash >= 0) {
        arity = Integer.parseInt(rest.substring(slash + 1));
        rest = rest.substring(0, slash);
      }
      out.add(new MethodSpec(owner, Set.of(rest.split(",")), arity));
    }
    return out;
  }

  static List<String> expandBraces(String text) {
    int open = text.indexOf('{');
    if (open < 0) {
      return List.of(text);
    }
    int close = text.indexOf('}', open);
    if (close < 0) {
      throw new IllegalArgumentException("unbalanced brace in '" + text + "'");
    }
    List<String> out = new ArrayList<>();
    for (String alt : text.substring(open + 1, close).split(",")) {
      out.addAll(expandBraces(text.substring(0, open) + alt + text.substring(close + 1)));
    }
    return out;
  }

  @Override
  public String toString() {
    return owner + "#" + String.join(",", names) + (arity >= 0 ? "/" + arity : "");
  }
}
