package dev.bulwark.port.translate;

import dev.bulwark.port.c.CType;

/**
 * The shape of a singly linked list node: its struct, the link field and, when the node holds
 * exactly one integer besides the link, that field and its type (then the differential tester can
 * build lists from values and read them back; {@code value} is null otherwise).
 */
public record ListShape(CType.Struct type, String link, String value, CType.Int valueType) {
  public boolean testable() {
    return value != null;
  }
}
