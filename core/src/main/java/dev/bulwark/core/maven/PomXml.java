package dev.bulwark.core.maven;

import dev.bulwark.core.text.UntrustedXml;
import java.io.ByteArrayInputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Untrusted POM XML as a small element tree. A DOCTYPE is read past and ignored: no DTD is loaded,
 * no entity is declared or expanded (a reference to one reads as nothing), so XXE and entity bombs
 * have no effect and the POM is still read. Namespace prefixes are dropped; depth and element count
 * are bounded.
 */
final class PomXml {
  private static final int MAX_DEPTH = 64;
  private static final int MAX_ELEMENTS = 200_000;
  private static final int MAX_TEXT = 64 * 1024;

  /** An element: its local name, its own text (stripped) and its child elements. */
  record Element(String name, String text, List<Element> children) {
    Element child(String n) {
      for (Element e : children) {
        if (e.name.equals(n)) {
          return e;
        }
      }
      return null;
    }

    List<Element> all(String n) {
      List<Element> out = new ArrayList<>();
      for (Element e : children) {
        if (e.name.equals(n)) {
          out.add(e);
        }
      }
      return out;
    }

    /** The text of the first child with this name, or null. */
    String text(String n) {
      Element e = child(n);
      return e == null ? null : e.text;
    }
  }

  /** The document element, and what was ignored on the way: a DOCTYPE, entity references. */
  record Document(Element root, boolean doctype, int entityReferences) {}

  private PomXml() {}

  /** The document; throws with the line and column where the XML is malformed. */
  static Document parse(byte[] bytes) throws MalformedPomException {
    XMLStreamReader r = null;
    try {
      r = UntrustedXml.open(new ByteArrayInputStream(bytes));
      Deque<Builder> stack = new ArrayDeque<>();
      Element root = null;
      int elements = 0;
      boolean doctype = false;
      int entities = 0;
      while (r.hasNext()) {
        switch (r.next()) {
          case XMLStreamConstants.START_ELEMENT -> {
            if (++elements > MAX_ELEMENTS) {
              throw new MalformedPomException("more than " + MAX_ELEMENTS + " elements");
            }
            if (stack.size() >= MAX_DEPTH) {
              throw new MalformedPomException("elements nested deeper than " + MAX_DEPTH);
            }
            stack.push(new Builder(local(r.getLocalName())));
          }
          case XMLStreamConstants.CHARACTERS,
              XMLStreamConstants.CDATA,
              XMLStreamConstants.SPACE -> {
            Builder b = stack.peek();
            if (b != null && b.text.length() < MAX_TEXT) {
              b.text.append(r.getText(), 0, Math.min(r.getTextLength(), MAX_TEXT));
            }
          }
          case XMLStreamConstants.END_ELEMENT -> {
            Builder b = stack.pop();
            Element e = new Element(b.name, b.text.toString().strip(), List.copyOf(b.children));
            if (stack.isEmpty()) {
              root = e;
            } else {
              stack.peek().children.add(e);
            }
          }
          case XMLStreamConstants.DTD -> doctype = true;
          case XMLStreamConstants.ENTITY_REFERENCE -> entities++;
          default -> {
            // comments and processing instructions carry nothing
          }
        }
      }
      if (root == null) {
        throw new MalformedPomException("no document element");
      }
      return new Document(root, doctype, entities);
    } catch (XMLStreamException e) {
      String where =
          e.getLocation() == null
              ? ""
              : "line "
                  + e.getLocation().getLineNumber()
                  + ", column "
                  + e.getLocation().getColumnNumber()
                  + ": ";
      String msg = e.getMessage() == null ? "malformed XML" : e.getMessage();
      int nested = msg.indexOf("Message: ");
      throw new MalformedPomException(
          where + (nested >= 0 ? msg.substring(nested + 9) : msg).strip(), e);
    } finally {
      if (r != null) {
        try {
          r.close();
        } catch (XMLStreamException e) {
          // nothing held open: the input is in memory
        }
      }
    }
  }

  private static String local(String name) {
    int colon = name.indexOf(':');
    return colon >= 0 ? name.substring(colon + 1) : name;
  }

  private static final class Builder {
    final String name;
    final StringBuilder text = new StringBuilder();
    final List<Element> children = new ArrayList<>();

    Builder(String name) {
      this.name = name;
    }
  }
}
