package dev.bulwark.logs.evtx;

import java.util.List;

/** Instantiates parsed binary XML into an element tree: templates filled with their values. */
final class Render {
  private Render() {}

  /** The root element of a record's fragment. */
  static XmlNode root(List<BinXml.Content> fragment) {
    XmlNode holder = new XmlNode("#document");
    Budget budget = new Budget();
    for (BinXml.Content c : fragment) {
      content(c, null, holder, budget);
    }
    if (holder.children.isEmpty()) {
      throw new BinXml.FormatException("record has no root element");
    }
    return holder.children.get(0);
  }

  /**
   * Templates nest and share substitutions, so a crafted record could expand exponentially; a real
   * event has a few hundred nodes.
   */
  private static final int MAX_NODES = 200_000;

  /**
   * Counting nodes is not enough: a few nodes that each repeat a long string through nested
   * templates render gigabytes. A real event renders a few kilobytes; no record may render more
   * than this many characters of text and attribute values.
   */
  static final int MAX_CHARS = 1 << 20;

  /** What one record may still expand to. */
  private static final class Budget {
    int nodes = MAX_NODES;
    long chars = MAX_CHARS;

    void node() {
      if (--nodes < 0) {
        throw new BinXml.FormatException("record expands to more than " + MAX_NODES + " nodes");
      }
    }

    String text(String s) {
      chars -= s.length();
      if (chars < 0) {
        throw new BinXml.FormatException(
            "record renders more than "
                + (MAX_CHARS >> 10)
                + " Ki characters of text (templates nested to repeat long values); skipped");
      }
      return s;
    }
  }

  private static void content(BinXml.Content c, Object[] values, XmlNode parent, Budget budget) {
    budget.node();
    switch (c) {
      case BinXml.Text t -> parent.appendText(budget.text(t.value()));
      case BinXml.Subst s -> {
        Object v = values == null || s.index() >= values.length ? null : values[s.index()];
        if (v instanceof List<?> nested) {
          for (Object n : nested) {
            content((BinXml.Content) n, null, parent, budget);
          }
        } else if (v != null) {
          parent.appendText(budget.text(v.toString()));
        }
      }
      case BinXml.Element e -> {
        Object only = soleValue(e, values);
        if (only == ABSENT) {
          return;
        }
        if (only instanceof BinXml.Values array) {
          for (String item : array.items()) {
            budget.node();
            XmlNode n = element(e, values, budget);
            n.appendText(budget.text(item));
            parent.children.add(n);
          }
          return;
        }
        XmlNode n = element(e, values, budget);
        for (BinXml.Content child : e.content()) {
          content(child, values, n, budget);
        }
        parent.children.add(n);
      }
      case BinXml.Instance i -> {
        for (BinXml.Content child : i.template()) {
          content(child, i.values(), parent, budget);
        }
      }
    }
  }

  private static final Object ABSENT = new Object();

  /**
   * The value of an element whose whole content is one substitution: {@link #ABSENT} when it is an
   * optional substitution with no value (the element is then left out), else the value or null.
   */
  private static Object soleValue(BinXml.Element e, Object[] values) {
    if (e.content().size() != 1 || !(e.content().get(0) instanceof BinXml.Subst s)) {
      return null;
    }
    Object v = values == null || s.index() >= values.length ? null : values[s.index()];
    return v == null && s.optional() ? ABSENT : v;
  }

  private static XmlNode element(BinXml.Element e, Object[] values, Budget budget) {
    XmlNode n = new XmlNode(budget.text(e.name()));
    for (BinXml.Attr a : e.attributes()) {
      String value = budget.text(text(a.value(), values));
      if (!value.isEmpty()) {
        n.attributes.put(a.name(), value);
      }
    }
    return n;
  }

  private static String text(List<BinXml.Content> parts, Object[] values) {
    if (parts.size() == 1 && parts.get(0) instanceof BinXml.Text t) {
      return t.value();
    }
    StringBuilder b = new StringBuilder();
    for (BinXml.Content p : parts) {
      if (p instanceof BinXml.Text t) {
        b.append(t.value());
      } else if (p instanceof BinXml.Subst s) {
        Object v = values == null || s.index() >= values.length ? null : values[s.index()];
        if (v != null && !(v instanceof List<?>)) {
          b.append(v);
        }
      }
    }
    return b.toString();
  }
}
