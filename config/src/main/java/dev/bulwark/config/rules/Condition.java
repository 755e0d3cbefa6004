package dev.bulwark.config.rules;

import dev.bulwark.config.doc.ListNode;
import dev.bulwark.config.doc.MapNode;
import dev.bulwark.config.doc.Node;
import dev.bulwark.config.doc.Scalar;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A test on the node a rule selected, written in the rule file as a map:
 *
 * <pre>
 * {path: P, equals: V}        some scalar at P has the text V (or one of a list of texts)
 * {path: P, matches: RE}      some scalar at P contains a match of RE
 * {path: P, has: V}           some node at P is the scalar V, a list holding it, or a map with key V
 * {path: P, present: true}    P reaches some node      {path: P, absent: true}  P reaches none
 * {not: C}  {any: [C…]}  {all: [C…]}
 * </pre>
 *
 * Expressions a parser could not evaluate never equal or match a literal, so a Terraform reference
 * is neither reported nor excused by accident.
 */
public sealed interface Condition {
  boolean test(Node subject);

  record Equals(NodePath path, List<String> values) implements Condition {
    @Override
    public boolean test(Node subject) {
      return path.select(subject).stream()
          .anyMatch(n -> n instanceof Scalar s && literal(s) && values.contains(s.text()));
    }
  }

  record Matches(NodePath path, Pattern pattern) implements Condition {
    @Override
    public boolean test(Node subject) {
      return path.select(subject).stream()
          .anyMatch(n -> n instanceof Scalar s && pattern.matcher(s.text()).find());
    }
  }

  record Has(NodePath path, List<String> values) implements Condition {
    @Override
    public boolean test(Node subject) {
      for (Node n : path.select(subject)) {
        switch (n) {
          case Scalar s -> {
            if (literal(s) && values.contains(s.text())) {
              return true;
            }
          }
          case ListNode l -> {
            for (Node item : l.items()) {
              if (item instanceof Scalar s && literal(s) && values.contains(s.text())) {
                return true;
              }
            }
          }
          case MapNode m -> {
            for (String v : values) {
              if (m.get(v) != null) {
                return true;
              }
            }
          }
        }
      }
      return false;
    }
  }

  record Present(NodePath path) implements Condition {
    @Override
    public boolean test(Node subject) {
      return path.select(subject).stream()
          .anyMatch(n -> !(n instanceof Scalar s && s.type() == Scalar.Type.NULL));
    }
  }

  record Not(Condition inner) implements Condition {
    @Override
    public boolean test(Node subject) {
      return !inner.test(subject);
    }
  }

  record Any(List<Condition> of) implements Condition {
    public Any {
      of = List.copyOf(of);
    }

    @Override
    public boolean test(Node subject) {
      return of.stream().anyMatch(c -> c.test(subject));
    }
  }

  record All(List<Condition> of) implements Condition {
    public All {
      of = List.copyOf(of);
    }

    @Override
    public boolean test(Node subject) {
      return of.stream().allMatch(c -> c.test(subject));
    }
  }

  private static boolean literal(Scalar s) {
    return s.type() != Scalar.Type.EXPRESSION;
  }
}
