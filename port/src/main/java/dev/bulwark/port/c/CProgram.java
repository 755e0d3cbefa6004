package dev.bulwark.port.c;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the front end read from a C project: its functions, structs, enums, constants and constant
 * tables.
 */
public record CProgram(
    List<CFunction> functions,
    Map<String, CStruct> structs,
    List<CConstant> constants,
    List<CTable> tables,
    List<String> enums,
    Map<String, CType> typedefs) {

  public CProgram {
    functions = List.copyOf(functions);
    structs = Map.copyOf(structs);
    constants = List.copyOf(constants);
    tables = List.copyOf(tables);
    enums = List.copyOf(enums);
    typedefs = Map.copyOf(typedefs);
  }

  public Optional<CFunction> function(String name) {
    return functions.stream().filter(f -> f.name().equals(name)).findFirst();
  }
}
