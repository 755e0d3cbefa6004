package dev.bulwark.port.c;

import java.util.List;

/** A C function definition from the project, with its preprocessed source and origin. */
public record CFunction(
    String name,
    CType returnType,
    List<Param> params,
    boolean variadic,
    CNode body,
    String source,
    String file,
    int line) {

  public record Param(String name, CType type) {}

  public CFunction {
    params = List.copyOf(params);
  }
}
