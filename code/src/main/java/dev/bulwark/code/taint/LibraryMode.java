package dev.bulwark.code.taint;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.nodeTypes.modifiers.NodeWithPublicModifier;
import dev.bulwark.code.project.ClassInfo;
import dev.bulwark.code.project.MethodInfo;
import dev.bulwark.code.project.ProjectModel;
import dev.bulwark.code.rules.Category;
import dev.bulwark.code.rules.JavaRule;
import dev.bulwark.code.rules.LibraryModel;
import dev.bulwark.code.rules.RulePacks;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Library mode: a project with no web entry point, or with web entry points in only a small share
 * of its classes, is a library, and whoever calls its public API chooses the arguments. A parameter
 * of a public method of a public class is then untrusted for the categories where handing the
 * caller's data to the API is itself the danger — deserializing it, looking it up in JNDI,
 * evaluating it as code or an expression — and only for the types such data comes in (text, bytes,
 * streams). Findings from such a source have low confidence: the library may document that callers
 * must pass trusted data.
 */
public final class LibraryMode {
  private LibraryMode() {}

  /** What the source is called in messages; {@link Findings} lowers the confidence by it. */
  static final String SOURCE = "public API parameter";

  /** The categories an API parameter is dangerous for; it is cleansed for all others. */
  static final Set<Category> DANGEROUS =
      EnumSet.of(Category.DESERIALIZATION, Category.JNDI, Category.CODE, Category.EXPRESSION);

  private static final Set<String> DATA_TYPES =
      Set.of(
          "java.lang.String",
          "java.lang.CharSequence",
          "byte[]",
          "char[]",
          "java.io.InputStream",
          "java.io.Reader",
          "java.nio.ByteBuffer");

  /**
   * Whether library mode applies: the project has no web entry point and calls at least one sink of
   * the categories an API parameter is dangerous for. Without such a call no API parameter can
   * reach one, and tainting every public parameter would only cost time.
   */
  public static boolean applies(ProjectModel project, RulePacks.Loaded rules) {
    return isLibrary(project, rules.library()) && callsDangerousSink(project, rules.rules());
  }

  private static boolean callsDangerousSink(ProjectModel project, List<JavaRule> rules) {
    Set<String> methods = new HashSet<>();
    Set<String> constructed = new HashSet<>();
    for (JavaRule r : rules) {
      if (r.kind() != JavaRule.Kind.TAINT || !DANGEROUS.contains(r.category())) {
        continue;
      }
      for (JavaRule.Sink sink : r.sinks()) {
        for (String n : sink.method().names()) {
          if (n.equals("<init>")) {
            String owner = sink.method().owner();
            constructed.add(owner.substring(owner.lastIndexOf('.') + 1));
          } else {
            methods.add(n);
          }
        }
      }
    }
    for (ClassInfo c : project.classes()) {
      if (c.outer() != null) {
        continue; // nested classes are searched with their top-level class
      }
      if (c.node()
              .findFirst(MethodCallExpr.class, m -> methods.contains(m.getNameAsString()))
              .isPresent()
          || c.node()
              .findFirst(
                  ObjectCreationExpr.class,
                  o -> constructed.contains(o.getType().getNameAsString()))
              .isPresent()) {
        return true;
      }
    }
    return false;
  }

  /**
   * A project is a library when web entry points are a small part of it: logging, JSON or XML
   * libraries ship a status servlet or a request filter beside hundreds of API classes, and their
   * API is still called with its callers' data. Below this share of top-level classes with a web
   * entry point the project counts as a library; web applications sit far above it (every
   * controller is one).
   */
  static final double WEB_SHARE_OF_A_LIBRARY = 0.05;

  /**
   * Whether the project is a library: no web entry point (no request-typed parameter, no handler)
   * or web entry points in fewer than {@link #WEB_SHARE_OF_A_LIBRARY} of its top-level classes.
   */
  public static boolean isLibrary(ProjectModel project, LibraryModel lib) {
    int topLevel = 0;
    java.util.Set<ClassInfo> web = new java.util.HashSet<>();
    Set<String> requestTypes = lib.requestTypes();
    Set<String> requestSimpleNames = new HashSet<>();
    for (String t : requestTypes) {
      requestSimpleNames.add(t.substring(t.lastIndexOf('.') + 1));
    }
    for (ClassInfo c : project.classes()) {
      ClassInfo top = c;
      while (top.outer() != null) {
        top = top.outer();
      }
      if (top == c) {
        topLevel++;
      }
      if (!web.contains(top)
          && hasWebEntryPoint(project, lib, c, requestTypes, requestSimpleNames)) {
        web.add(top);
      }
    }
    return web.isEmpty() || web.size() < WEB_SHARE_OF_A_LIBRARY * topLevel;
  }

  private static boolean hasWebEntryPoint(
      ProjectModel project,
      LibraryModel lib,
      ClassInfo c,
      Set<String> requestTypes,
      Set<String> requestSimpleNames) {
    for (var ms : c.allMethods().values()) {
      for (MethodInfo m : ms) {
        if (m.owner() != c) {
          continue;
        }
        for (String t : m.parameterTypes()) {
          String resolved = t == null ? null : project.resolveType(t, c, c.unit());
          if (resolved != null
              && (requestTypes.contains(resolved)
                  // as written, for files whose imports do not resolve it (wildcards)
                  || (resolved.equals(t) && requestSimpleNames.contains(t)))) {
            return true;
          }
        }
        for (AnnotationExpr a : m.decl().getAnnotations()) {
          String fqn = project.resolveType(a.getNameAsString(), c, c.unit());
          if (lib.isHandlerAnnotation(fqn)) {
            return true;
          }
        }
        for (Parameter p : m.parameters()) {
          for (AnnotationExpr a : p.getAnnotations()) {
            if (lib.isParameterSource(project.resolveType(a.getNameAsString(), c, c.unit()))) {
              return true;
            }
          }
        }
      }
    }
    return false;
  }

  /** Why a parameter counts as the API caller's data, or null. */
  static String parameterSource(MethodInfo m, Parameter p, String type) {
    if (type == null || !DATA_TYPES.contains(type) || !exported(m)) {
      return null;
    }
    return SOURCE + " '" + p.getNameAsString() + "' of " + m.owner().simpleName() + "." + m.name();
  }

  /** A public method (or constructor) of a public class nested only in public classes. */
  private static boolean exported(MethodInfo m) {
    if (!(m.decl() instanceof NodeWithPublicModifier<?> pm) || !pm.isPublic()) {
      if (!m.owner().isInterface() || m.body() == null) {
        return false;
      }
    }
    for (ClassInfo c = m.owner(); c != null; c = c.outer()) {
      Node n = c.node();
      if (!(n instanceof NodeWithPublicModifier<?> pc) || !pc.isPublic()) {
        return false;
      }
      if (c.outer() != null && !c.isStaticNested() && !c.isInterface()) {
        // an inner class is reached through an instance the library made: still exported
        continue;
      }
    }
    // tests, examples and samples call the API; they are not part of it
    for (String segment : m.owner().unit().path().replace('\\', '/').split("/")) {
      if (NOT_API_DIRS.contains(segment)) {
        return false;
      }
    }
    return true;
  }

  private static final Set<String> NOT_API_DIRS =
      Set.of("test", "tests", "it", "examples", "samples", "demo");
}
