package dev.bulwark.code.project;

import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.stmt.BlockStmt;
import java.util.List;

/** A method or constructor of a project class, with its parameters' resolved types. */
public record MethodInfo(
    ClassInfo owner,
    CallableDeclaration<?> decl,
    String name,
    List<Parameter> parameters,
    List<String> parameterTypes,
    String returnType,
    boolean isStatic,
    boolean isAbstract,
    boolean varargs,
    BlockStmt body) {

  public boolean isConstructor() {
    return name.equals("<init>");
  }

  public String signature() {
    return owner.fqn() + "#" + name + "/" + parameters.size();
  }

  @Override
  public String toString() {
    return signature();
  }
}
