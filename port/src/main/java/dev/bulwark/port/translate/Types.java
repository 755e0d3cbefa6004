package dev.bulwark.port.translate;

import dev.bulwark.port.c.CType;

/** C types written as Rust types. */
public final class Types {
  private Types() {}

  public static String rust(CType t) {
    return switch (t) {
      case CType.Int i -> i.rust();
      case CType.Bool b -> "bool";
      case CType.Void v -> "()";
      case CType.Struct s -> s.rustName();
      case CType.Array a -> "[" + rust(a.elem()) + "; " + Names.constExpr(a.size()) + "]";
      case CType.Ptr p ->
          throw new Unsupported(
              "a raw pointer type (" + CType.describe(p) + ") has no safe equivalent here");
      case CType.Other o ->
          throw new Unsupported("type " + o.text() + " is not handled by the deterministic pass");
    };
  }

  /** C's spelling of the type, for harnesses. */
  public static String c(CType t) {
    return switch (t) {
      case CType.Int i ->
          switch (i.rust()) {
            case "i8" -> "signed char";
            case "u8" -> "unsigned char";
            case "i16" -> "short";
            case "u16" -> "unsigned short";
            case "i32" -> "int";
            case "u32" -> "unsigned int";
            case "i64", "isize" -> "long long";
            case "u64", "usize" -> "unsigned long long";
            default -> "long long";
          };
      case CType.Bool b -> "_Bool";
      default -> throw new Unsupported("no harness type for " + CType.describe(t));
    };
  }
}
