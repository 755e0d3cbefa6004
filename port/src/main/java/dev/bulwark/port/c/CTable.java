package dev.bulwark.port.c;

import java.util.List;

/**
 * A file-scope {@code const} integer array with a known initialiser ({@code static const char
 * ALPHABET[] = "..."} or {@code = {1, 2, 3}}): its elements, a string's terminating NUL included.
 */
public record CTable(String name, CType.Int elem, List<Long> values) {
  public CTable {
    values = List.copyOf(values);
  }
}
