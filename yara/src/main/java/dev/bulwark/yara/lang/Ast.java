package dev.bulwark.yara.lang;

import java.util.List;

/** The syntax tree of a YARA rule file. */
public final class Ast {
  private Ast() {}

  /** A value of a {@code meta:} entry: a String, a Long or a Boolean. */
  public record Meta(String key, Object value) {}

  /** Modifiers of a string definition; xor and base64 are null when absent. */
  public record Modifiers(
      boolean nocase,
      boolean wide,
      boolean ascii,
      boolean fullword,
      boolean isPrivate,
      int[] xor,
      String base64,
      String base64wide) {
    /** YARA's default base64 alphabet. */
    public static final String STANDARD =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    /** Text with neither {@code wide} nor {@code ascii} is matched as ASCII. */
    public boolean matchAscii() {
      return ascii || !wide;
    }
  }

  public enum StringKind {
    TEXT,
    HEX,
    REGEX
  }

  /**
   * One string of a rule: {@code value} is the decoded text, the hex body or the regex pattern;
   * {@code flags} holds a regex's {@code i}/{@code s} flags.
   */
  public record StringDef(
      String id,
      StringKind kind,
      byte[] value,
      String source,
      String flags,
      Modifiers modifiers,
      int line,
      // hex strings and regexes parsed once, by the parser that checks them; null for text
      dev.bulwark.yara.regex.Node pattern) {}

  public record Rule(
      String name,
      boolean isPrivate,
      boolean global,
      List<String> tags,
      List<Meta> meta,
      List<StringDef> strings,
      Expr condition,
      String file,
      int line) {}

  /** A parsed file: imports and rules, includes already resolved into {@code rules}. */
  public record RuleFile(List<String> imports, List<Rule> rules) {}

  /** How many of a set must hold: all, any, none, a number or a percentage. */
  public sealed interface Quantifier permits All, Any, None, Count, Percent {}

  public record All() implements Quantifier {}

  public record Any() implements Quantifier {}

  public record None() implements Quantifier {}

  public record Count(Expr n) implements Quantifier {}

  public record Percent(Expr n) implements Quantifier {}

  /** Conditions. */
  public sealed interface Expr
      permits BoolLit,
          IntLit,
          DoubleLit,
          StrLit,
          RegexLit,
          Filesize,
          Entrypoint,
          StrMatch,
          StrCount,
          StrOffset,
          StrLength,
          RuleRef,
          Var,
          Ident,
          Field,
          Index,
          Call,
          Unary,
          Binary,
          IntRead,
          Of,
          ForOf,
          ForIn,
          Defined,
          Range,
          Tuple {}

  public record BoolLit(boolean value) implements Expr {}

  public record IntLit(long value) implements Expr {}

  public record DoubleLit(double value) implements Expr {}

  public record StrLit(byte[] value) implements Expr {}

  public record RegexLit(String pattern, String flags) implements Expr {}

  public record Filesize() implements Expr {}

  public record Entrypoint() implements Expr {}

  /** {@code $a}, {@code $a at x}, {@code $a in (a..b)}; id "" is the loop's current string. */
  public record StrMatch(String id, Expr at, Range in) implements Expr {}

  public record StrCount(String id, Range in) implements Expr {}

  public record StrOffset(String id, Expr index) implements Expr {}

  public record StrLength(String id, Expr index) implements Expr {}

  public record RuleRef(String name) implements Expr {}

  /** A loop variable or an external variable. */
  public record Var(String name) implements Expr {}

  /** A module's root. */
  public record Ident(String name) implements Expr {}

  public record Field(Expr object, String name) implements Expr {}

  public record Index(Expr object, Expr index) implements Expr {}

  public record Call(Expr function, List<Expr> args) implements Expr {}

  public record Unary(String op, Expr operand) implements Expr {}

  public record Binary(String op, Expr left, Expr right) implements Expr {}

  /** {@code int8(x)}, {@code uint32be(x)} …: size in bytes, signedness, byte order. */
  public record IntRead(int size, boolean signed, boolean bigEndian, Expr at) implements Expr {}

  /**
   * {@code N of (set)}: {@code strings} are string patterns ({@code a}, {@code b*}) or, when {@code
   * rules} is true, rule-name patterns; {@code at}/{@code in} may be null.
   */
  public record Of(Quantifier quantifier, List<String> set, boolean rules, Expr at, Range in)
      implements Expr {}

  public record ForOf(Quantifier quantifier, List<String> set, Expr body) implements Expr {}

  /** {@code for q v1, v2 in iterable : (body)}; iterable is a Range, a Tuple or an expression. */
  public record ForIn(Quantifier quantifier, List<String> vars, Expr iterable, Expr body)
      implements Expr {}

  public record Defined(Expr operand) implements Expr {}

  public record Range(Expr low, Expr high) implements Expr {}

  public record Tuple(List<Expr> items) implements Expr {}
}
