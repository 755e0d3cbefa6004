package dev.bulwark.config.doc;

/**
 * One node of a parsed configuration document, whatever the format: a map, a list or a scalar, each
 * knowing the 1-based line it was written on and its parent, so a rule can report the exact line
 * and look at the object around a match.
 *
 * <p>Nodes are built once by a parser and then only read; the parent link is set when a node is
 * added to a {@link MapNode} or {@link ListNode}.
 */
public abstract sealed class Node permits MapNode, ListNode, Scalar {
  private final int line;
  private Node parent;
  private int keyLine;

  protected Node(int line) {
    if (line < 1) {
      throw new IllegalArgumentException("lines are 1-based, got " + line);
    }
    this.line = line;
  }

  /**
   * The line a report should point at: the line of the key the node sits under in a map (where
   * {@code hostPath:} is written), else the line the node starts on.
   */
  public int line() {
    return keyLine > 0 ? keyLine : line;
  }

  /** The line the node's own text starts on. */
  public int startLine() {
    return line;
  }

  public Node parent() {
    return parent;
  }

  void attach(Node newParent, int lineOfKey) {
    if (parent != null) {
      throw new IllegalStateException("node at line " + line + " already has a parent");
    }
    this.parent = newParent;
    this.keyLine = lineOfKey;
  }

  /** The document root this node belongs to. */
  public Node root() {
    Node n = this;
    while (n.parent != null) {
      n = n.parent;
    }
    return n;
  }
}
