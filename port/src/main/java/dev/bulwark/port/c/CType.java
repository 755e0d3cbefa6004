package dev.bulwark.port.c;

/** A C type as far as the port needs it: integers, bool, pointers, arrays, structs and the rest. */
public sealed interface CType {

  /** A C integer type and the Rust integer with the same width and signedness. */
  record Int(String rust, int bits, boolean signed) implements CType {
    public long min() {
      return signed ? (bits == 64 ? Long.MIN_VALUE : -(1L << (bits - 1))) : 0;
    }

    /** The largest value; unsigned 64-bit types report Long.MAX_VALUE (inputs stay below it). */
    public long max() {
      return bits == 64 ? Long.MAX_VALUE : signed ? (1L << (bits - 1)) - 1 : (1L << bits) - 1;
    }

    /** C's integer promotion: anything narrower than int becomes int. */
    public Int promoted() {
      return bits < 32 ? INT : this;
    }
  }

  record Bool() implements CType {}

  record Void() implements CType {}

  record Ptr(CType target, boolean constTarget) implements CType {}

  record Array(CType elem, String size) implements CType {}

  record Struct(String cName, String rustName) implements CType {}

  /** Unions, floating point, function pointers and anything else the port leaves to a model. */
  record Other(String text) implements CType {}

  Int INT = new Int("i32", 32, true);
  Int U8 = new Int("u8", 8, false);
  Int USIZE = new Int("usize", 64, false);
  Bool BOOL = new Bool();
  Void VOID = new Void();

  /** Rank for the usual arithmetic conversions: wider first, unsigned wins at equal width. */
  static Int common(Int a, Int b) {
    Int x = a.promoted();
    Int y = b.promoted();
    if (x.equals(y)) {
      return x;
    }
    if (x.bits() != y.bits()) {
      Int wide = x.bits() > y.bits() ? x : y;
      Int narrow = wide == x ? y : x;
      if (wide.signed() && !narrow.signed() && narrow.bits() == wide.bits()) {
        return new Int(unsignedOf(wide.rust()), wide.bits(), false);
      }
      return wide;
    }
    // same width, different signedness or spelling (usize vs u64): the unsigned one
    if (!x.signed()) {
      return x;
    }
    return y;
  }

  private static String unsignedOf(String rust) {
    return "u" + rust.substring(1);
  }

  /** How the type reads in a message. */
  static String describe(CType t) {
    return switch (t) {
      case Int i -> i.rust();
      case Bool b -> "bool";
      case Void v -> "void";
      case Ptr p -> (p.constTarget() ? "const " : "") + describe(p.target()) + "*";
      case Array a -> describe(a.elem()) + "[" + (a.size() == null ? "" : a.size()) + "]";
      case Struct s -> "struct " + s.cName();
      case Other o -> o.text();
    };
  }
}
