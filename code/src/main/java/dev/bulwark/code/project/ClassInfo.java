package dev.bulwark.code.project;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.InitializerDeclaration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A class, interface, enum, record, local or anonymous class of the analysed project: its resolved
 * supertypes, members and the source file it lives in. Anonymous classes get names like {@code
 * Outer$1}.
 */
public final class ClassInfo {
  final String fqn;
  final String simpleName;
  final Node node;
  final SourceUnit unit;
  final ClassInfo outer;
  final boolean isInterface;
  final boolean isAbstract;
  final boolean isStaticNested;
  final List<String> supertypes = new ArrayList<>();
  final Map<String, List<MethodInfo>> methods = new HashMap<>();
  final List<MethodInfo> constructors = new ArrayList<>();
  final Map<String, FieldInfo> fields = new LinkedHashMap<>();
  final List<InitializerDeclaration> initializers = new ArrayList<>();
  final List<BodyDeclaration<?>> members;

  ClassInfo(
      String fqn,
      String simpleName,
      Node node,
      SourceUnit unit,
      ClassInfo outer,
      boolean isInterface,
      boolean isAbstract,
      boolean isStaticNested,
      List<BodyDeclaration<?>> members) {
    this.fqn = fqn;
    this.simpleName = simpleName;
    this.node = node;
    this.unit = unit;
    this.outer = outer;
    this.isInterface = isInterface;
    this.isAbstract = isAbstract;
    this.isStaticNested = isStaticNested;
    this.members = members;
  }

  /** A field with its declared type (resolved where possible) and declaration. */
  public record FieldInfo(
      String name,
      String type,
      boolean isStatic,
      boolean isFinal,
      FieldDeclaration decl,
      int variable) {}

  public String fqn() {
    return fqn;
  }

  public String simpleName() {
    return simpleName;
  }

  public Node node() {
    return node;
  }

  public SourceUnit unit() {
    return unit;
  }

  public ClassInfo outer() {
    return outer;
  }

  public boolean isInterface() {
    return isInterface;
  }

  public boolean isAbstract() {
    return isAbstract;
  }

  public boolean isStaticNested() {
    return isStaticNested;
  }

  public List<String> supertypes() {
    return supertypes;
  }

  public List<MethodInfo> methods(String name) {
    return methods.getOrDefault(name, List.of());
  }

  public Map<String, List<MethodInfo>> allMethods() {
    return methods;
  }

  public List<MethodInfo> constructors() {
    return constructors;
  }

  public Map<String, FieldInfo> fields() {
    return fields;
  }

  public List<InitializerDeclaration> initializers() {
    return initializers;
  }

  public List<BodyDeclaration<?>> members() {
    return members;
  }

  @Override
  public String toString() {
    return fqn;
  }
}
