package dev.bulwark.port.c;

/** An enumerator or a file-scope {@code const} integer, with its value when it is known. */
public record CConstant(String name, CType.Int type, long value, String enumName) {}
