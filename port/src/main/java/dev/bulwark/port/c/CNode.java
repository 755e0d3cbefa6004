package dev.bulwark.port.c;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One node of a C syntax tree, copied out of the native parser so that analysis never touches
 * native memory: the grammar's node type, the field name its parent gave it, the source text and
 * the 1-based line in the preprocessed unit.
 */
public record CNode(
    String type, String field, String text, int line, boolean isNamed, List<CNode> children) {
  public CNode {
    children = List.copyOf(children);
  }

  public Optional<CNode> child(String fieldName) {
    for (CNode c : children) {
      if (fieldName.equals(c.field)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  public List<CNode> children(String fieldName) {
    List<CNode> out = new ArrayList<>();
    for (CNode c : children) {
      if (fieldName.equals(c.field)) {
        out.add(c);
      }
    }
    return out;
  }

  /** The named children, without punctuation and comments. */
  public List<CNode> named() {
    List<CNode> out = new ArrayList<>();
    for (CNode c : children) {
      if (c.isNamed && !c.type.equals("comment")) {
        out.add(c);
      }
    }
    return out;
  }

  public boolean is(String t) {
    return type.equals(t);
  }

  /** The first child of a type, if any. */
  public Optional<CNode> first(String t) {
    return children.stream().filter(c -> c.type.equals(t)).findFirst();
  }

  /** Depth-first walk over this node and every descendant. */
  public void walk(Consumer<CNode> visit) {
    visit.accept(this);
    for (CNode c : children) {
      c.walk(visit);
    }
  }

  /** The operator of a binary, unary, update or assignment expression. */
  public String operator() {
    for (CNode c : children) {
      if ("operator".equals(c.field)) {
        return c.type;
      }
    }
    for (CNode c : children) {
      if (!c.isNamed) {
        return c.type;
      }
    }
    return "";
  }
}
