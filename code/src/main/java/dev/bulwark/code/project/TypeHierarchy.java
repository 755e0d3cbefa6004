package dev.bulwark.code.project;

import dev.bulwark.code.rules.LibraryModel;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Subtyping across the three places types come from: the project's sources, the library model, and
 * the JDK, which is read by reflection from the running platform (never initialised). Used to
 * decide whether a rule about {@code java.sql.Statement#execute} applies to a {@code
 * PreparedStatement} receiver, and which project methods a call may dispatch to.
 */
public final class TypeHierarchy {
  private static final Map<String, Optional<Class<?>>> JDK = new ConcurrentHashMap<>();
  private static final Map<String, Optional<String>> RETURNS = new ConcurrentHashMap<>();
  private static final Map<String, Boolean> STATICS = new ConcurrentHashMap<>();

  private final ProjectModel project;
  private final LibraryModel library;
  private final Map<String, Set<String>> ancestors = new ConcurrentHashMap<>();

  TypeHierarchy(ProjectModel project, LibraryModel library) {
    this.project = project;
    this.library = library;
  }

  /** A JDK class by source name ({@code java.util.Map.Entry} works), or null. */
  public static Class<?> jdkClass(String fqn) {
    if (fqn == null
        || !(fqn.startsWith("java.")
            || fqn.startsWith("javax.")
            || fqn.startsWith("jdk.")
            || fqn.startsWith("org.w3c.")
            || fqn.startsWith("org.xml."))) {
      return null;
    }
    return JDK.computeIfAbsent(fqn, TypeHierarchy::load).orElse(null);
  }

  private static Optional<Class<?>> load(String fqn) {
    String name = fqn;
    while (true) {
      try {
        return Optional.of(Class.forName(name, false, ClassLoader.getPlatformClassLoader()));
      } catch (ClassNotFoundException | LinkageError e) {
        int dot = name.lastIndexOf('.');
        if (dot < 0 || !Character.isUpperCase(name.charAt(name.lastIndexOf('.', dot - 1) + 1))) {
          return Optional.empty();
        }
        name = name.substring(0, dot) + "$" + name.substring(dot + 1);
      }
    }
  }

  public boolean isKnownLibraryType(String fqn) {
    return jdkClass(fqn) != null || !library.supertypesOf(fqn).isEmpty();
  }

  /** {@code type} itself and every supertype Bulwark can see, nearest first. */
  public Set<String> ancestors(String type) {
    if (type == null) {
      return Set.of();
    }
    return ancestors.computeIfAbsent(type, this::computeAncestors);
  }

  private Set<String> computeAncestors(String type) {
    Set<String> out = new LinkedHashSet<>();
    ArrayDeque<String> queue = new ArrayDeque<>();
    queue.add(type);
    while (!queue.isEmpty()) {
      String t = queue.poll();
      if (!out.add(t)) {
        continue;
      }
      ClassInfo c = project.classNamed(t);
      if (c != null) {
        queue.addAll(c.supertypes());
      }
      queue.addAll(library.supertypesOf(t));
      Class<?> k = jdkClass(t);
      if (k != null) {
        if (k.getSuperclass() != null) {
          queue.add(k.getSuperclass().getName().replace('$', '.'));
        }
        for (Class<?> i : k.getInterfaces()) {
          queue.add(i.getName().replace('$', '.'));
        }
      }
    }
    out.add("java.lang.Object");
    return out;
  }

  public boolean isSubtype(String sub, String sup) {
    if (sub == null || sup == null) {
      return false;
    }
    return sub.equals(sup) || ancestors(sub).contains(sup);
  }

  /**
   * The type a JDK method returns, when every overload with that arity agrees; null when unknown.
   * Primitive results matter most: a number or boolean computed from untrusted text is safe.
   */
  public static String jdkReturnType(String owner, String method, int arity) {
    if (jdkClass(owner) == null) {
      return null;
    }
    return RETURNS
        .computeIfAbsent(
            owner + "#" + method + "/" + arity,
            k -> Optional.ofNullable(computeReturnType(owner, method, arity)))
        .orElse(null);
  }

  private static String computeReturnType(String owner, String method, int arity) {
    Class<?> k = jdkClass(owner);
    if (k == null) {
      return null;
    }
    String found = null;
    Set<Class<?>> seen = new HashSet<>();
    for (Method m : k.getMethods()) {
      // bridge methods repeat an override with its erased return type (Appendable for
      // PrintWriter.append) and would make every covariant return look ambiguous
      if (!m.getName().equals(method)
          || m.isBridge()
          || (m.getParameterCount() != arity && !m.isVarArgs())
          || !seen.add(m.getReturnType())) {
        continue;
      }
      String r = m.getReturnType().getTypeName().replace('$', '.');
      if (m.getGenericReturnType() instanceof java.lang.reflect.TypeVariable<?>) {
        r = "java.lang.Object";
      }
      if (found == null) {
        found = r;
      } else if (!found.equals(r)) {
        return isValueType(found) && isValueType(r) ? "long" : null;
      }
    }
    return found;
  }

  /** Whether the JDK method is static (for calls through a type name). */
  public static boolean jdkIsStatic(String owner, String method) {
    return STATICS.computeIfAbsent(owner + "#" + method, k -> computeIsStatic(owner, method));
  }

  private static boolean computeIsStatic(String owner, String method) {
    Class<?> k = jdkClass(owner);
    if (k == null) {
      return false;
    }
    for (Method m : k.getMethods()) {
      if (m.getName().equals(method) && Modifier.isStatic(m.getModifiers())) {
        return true;
      }
    }
    return false;
  }

  /**
   * Types whose values cannot carry an injection: primitives, their boxes, and other numbers.
   * Untrusted text parsed into one of these is no longer dangerous.
   */
  public static boolean isValueType(String type) {
    if (type == null) {
      return false;
    }
    return switch (type) {
      case "int",
          "long",
          "short",
          "byte",
          "boolean",
          "float",
          "double",
          "java.lang.Integer",
          "java.lang.Long",
          "java.lang.Short",
          "java.lang.Byte",
          "java.lang.Boolean",
          "java.lang.Float",
          "java.lang.Double",
          "java.math.BigDecimal",
          "java.math.BigInteger",
          "java.util.UUID",
          "java.time.LocalDate",
          "java.time.LocalDateTime",
          "java.time.Instant",
          "java.time.Duration",
          "java.lang.Number",
          "void" ->
          true;
      default -> false;
    };
  }
}
