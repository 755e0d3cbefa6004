package dev.bulwark.config.doc;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** An ordered list of nodes: a YAML sequence, an HCL tuple or repeated nested blocks. */
public final class ListNode extends Node {
  private final List<Node> items = new ArrayList<>();

  public ListNode(int line) {
    super(line);
  }

  public void add(Node item) {
    item.attach(this, 0);
    items.add(item);
  }

  public List<Node> items() {
    return Collections.unmodifiableList(items);
  }
}
