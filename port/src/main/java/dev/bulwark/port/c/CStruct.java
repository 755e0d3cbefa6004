package dev.bulwark.port.c;

import java.util.List;

/** A struct (or union) defined in the project. */
public record CStruct(
    String cName, String rustName, List<Field> fields, boolean union, String file, int line) {

  public record Field(String name, CType type) {}

  public CStruct {
    fields = List.copyOf(fields);
  }
}
