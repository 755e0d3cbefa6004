package dev.bulwark.threatmodel.rules;

import java.util.List;

/**
 * A rule's test over one model element, in the small declarative form rule files use (see {@code
 * docs/threatmodel-rules.md}): {@code all}/{@code any}/{@code not}, a test of one property ({@code
 * path} with {@code is}, {@code in}, {@code at_least}, {@code below}, {@code contains}, {@code
 * empty}), and quantifiers over a collection ({@code some}/{@code none}/{@code every} with {@code
 * where}).
 */
public sealed interface Condition
    permits Condition.All,
        Condition.Any,
        Condition.Not,
        Condition.Test,
        Condition.Quantified,
        Condition.Always {

  record All(List<Condition> parts) implements Condition {
    public All {
      parts = List.copyOf(parts);
    }
  }

  record Any(List<Condition> parts) implements Condition {
    public Any {
      parts = List.copyOf(parts);
    }
  }

  record Not(Condition part) implements Condition {}

  /** Operators of a property test. */
  enum Op {
    IS,
    IN,
    AT_LEAST,
    BELOW,
    CONTAINS,
    EMPTY
  }

  record Test(String path, Op op, Object value) implements Condition {}

  /** How many members of a collection must satisfy {@code where}. */
  enum Quantifier {
    SOME,
    NONE,
    EVERY
  }

  record Quantified(Quantifier quantifier, String collection, Condition where)
      implements Condition {}

  /** The condition of a rule that applies to every element of its kind. */
  record Always() implements Condition {}
}
