package dev.bulwark.port.translate;

import dev.bulwark.port.c.CType;

/** How one C parameter appears in the safe Rust signature. */
public sealed interface Arg {
  /** The C parameter's name. */
  String name();

  /** An integer or bool passed by value. */
  record Scalar(String name, CType type) implements Arg {}

  /** A pointer and a length in C, one slice in Rust. */
  record Slice(String name, CType.Int elem, boolean mutable, String lenName) implements Arg {}

  /** The length half of a slice: gone from the Rust signature, {@code slice.len()} in the body. */
  record Len(String name, CType.Int type, String sliceName) implements Arg {}

  /** A NUL-terminated {@code const char *}, a {@code &str} in Rust. */
  record Str(String name) implements Arg {}

  /** A pointer the function only writes through: part of the returned tuple in Rust. */
  record Out(String name, CType type) implements Arg {}

  /** A pointer to a scalar that is read and written: {@code &mut T}. */
  record InOut(String name, CType.Int type) implements Arg {}

  /**
   * A pointer to the first node of a singly linked list ({@code struct node *}, the struct holding
   * one pointer to its own type): {@code Option<Box<T>>} when the function takes the list over (it
   * frees it or links it into a node it returns), {@code &Option<Box<T>>} when it only reads it.
   */
  record Linked(String name, CType.Struct type, boolean owned, ListShape shape) implements Arg {}

  /** A pointer to a project struct: {@code &T} or {@code &mut T}. */
  record StructRef(String name, CType.Struct type, boolean mutable) implements Arg {}
}
