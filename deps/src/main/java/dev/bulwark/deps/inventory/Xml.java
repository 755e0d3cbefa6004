package dev.bulwark.deps.inventory;

import java.io.ByteArrayInputStream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** Untrusted XML (POMs, CycloneDX XML): DTDs and external entities off, namespaces ignored. */
final class Xml {
  private Xml() {}

  static Document parse(byte[] bytes) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    f.setExpandEntityReferences(false);
    f.setNamespaceAware(false);
    return f.newDocumentBuilder().parse(new ByteArrayInputStream(bytes));
  }

  /** The direct child elements with a name (namespace prefixes ignored). */
  static java.util.List<Element> children(Node parent, String name) {
    java.util.List<Element> out = new java.util.ArrayList<>();
    if (parent == null) {
      return out;
    }
    NodeList nl = parent.getChildNodes();
    for (int i = 0; i < nl.getLength(); i++) {
      if (nl.item(i) instanceof Element e && local(e).equals(name)) {
        out.add(e);
      }
    }
    return out;
  }

  static Element child(Node parent, String name) {
    java.util.List<Element> c = children(parent, name);
    return c.isEmpty() ? null : c.get(0);
  }

  static String text(Node parent, String name) {
    Element e = child(parent, name);
    return e == null ? null : e.getTextContent().strip();
  }

  private static String local(Element e) {
    String n = e.getTagName();
    int colon = n.indexOf(':');
    return colon >= 0 ? n.substring(colon + 1) : n;
  }
}
