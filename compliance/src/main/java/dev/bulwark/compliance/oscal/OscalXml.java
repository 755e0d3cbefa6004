package dev.bulwark.compliance.oscal;

import dev.bulwark.core.errors.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXParseException;

/**
 * OSCAL catalogs and profiles in their XML form (namespace {@code
 * http://csrc.nist.gov/ns/oscal/1.0}), read into the same records as the JSON form. DOCTYPEs and
 * external entities are refused.
 */
final class OscalXml {
  private OscalXml() {}

  static Element root(Path file, String expected) throws InputException {
    try {
      if (Files.size(file) > 64L * 1024 * 1024) {
        throw new InputException(file + ": larger than 64 MiB");
      }
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setNamespaceAware(true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setFeature("http://xml.org/sax/features/external-general-entities", false);
      f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      f.setXIncludeAware(false);
      f.setExpandEntityReferences(false);
      DocumentBuilder b = f.newDocumentBuilder();
      // errors become the exception below, not lines on standard error
      b.setErrorHandler(
          new org.xml.sax.helpers.DefaultHandler() {
            @Override
            public void fatalError(SAXParseException e) throws SAXParseException {
              throw e;
            }

            @Override
            public void error(SAXParseException e) throws SAXParseException {
              throw e;
            }
          });
      Document d = b.parse(file.toFile());
      Element root = d.getDocumentElement();
      if (!expected.equals(root.getLocalName())) {
        throw new InputException(
            file + ": not an OSCAL " + expected + " (root element " + root.getLocalName() + ")");
      }
      return root;
    } catch (SAXParseException e) {
      throw new InputException(
          file + ":" + e.getLineNumber() + ": not valid XML: " + e.getMessage(), e);
    } catch (org.xml.sax.SAXException | ParserConfigurationException | IOException e) {
      throw new InputException(file + ": unreadable XML: " + e.getMessage(), e);
    }
  }

  static List<Element> children(Element e, String name) {
    List<Element> out = new ArrayList<>();
    for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element c && name.equals(c.getLocalName())) {
        out.add(c);
      }
    }
    return out;
  }

  static String childText(Element e, String name) {
    List<Element> c = children(e, name);
    return c.isEmpty() ? "" : c.get(0).getTextContent().strip();
  }

  static Catalog catalog(Path file) throws InputException {
    Element root = root(file, "catalog");
    List<Control> out = new ArrayList<>();
    for (Element g : children(root, "group")) {
      collect(g, g.getAttribute("id"), null, out);
    }
    collect(root, "", null, out);
    String title =
        children(root, "metadata").isEmpty()
            ? ""
            : childText(children(root, "metadata").get(0), "title");
    return new Catalog(title.isEmpty() ? file.getFileName().toString() : title, out);
  }

  private static void collect(Element parent, String family, String parentId, List<Control> out) {
    for (Element c : children(parent, "control")) {
      String id = c.getAttribute("id");
      String fam = family.isEmpty() ? id.replaceFirst("-.*", "") : family;
      out.add(new Control(id, childText(c, "title"), fam, parentId, Map.of()));
      collect(c, fam, id, out);
    }
  }

  static Profile profile(Path file) throws InputException {
    Element root = root(file, "profile");
    Map<String, List<String>> resources = new LinkedHashMap<>();
    for (Element bm : children(root, "back-matter")) {
      for (Element r : children(bm, "resource")) {
        List<String> links = new ArrayList<>();
        children(r, "rlink").forEach(l -> links.add(l.getAttribute("href")));
        resources.put(r.getAttribute("uuid"), links);
      }
    }
    List<Profile.Import> imports = new ArrayList<>();
    for (Element imp : children(root, "import")) {
      String href = imp.getAttribute("href");
      if (href.isEmpty()) {
        throw new InputException(file + ": an import has no href");
      }
      List<String> links =
          href.startsWith("#")
              ? resources.getOrDefault(href.substring(1), List.of())
              : List.of(href);
      List<String> include = ids(imp, "include-controls");
      List<String> exclude = ids(imp, "exclude-controls");
      boolean all = !children(imp, "include-all").isEmpty();
      if (!all && include.isEmpty()) {
        throw new InputException(file + ": import " + href + " selects no controls");
      }
      imports.add(new Profile.Import(href, links, all, include, exclude));
    }
    if (imports.isEmpty()) {
      throw new InputException(file + ": a profile needs at least one import");
    }
    Map<String, String> params = new LinkedHashMap<>();
    for (Element m : children(root, "modify")) {
      for (Element sp : children(m, "set-parameter")) {
        List<String> values = new ArrayList<>();
        children(sp, "value").forEach(v -> values.add(v.getTextContent().strip()));
        if (!values.isEmpty()) {
          params.put(sp.getAttribute("param-id"), String.join(", ", values));
        }
      }
    }
    String title =
        children(root, "metadata").isEmpty()
            ? ""
            : childText(children(root, "metadata").get(0), "title");
    return new Profile(file, title, imports, params);
  }

  private static List<String> ids(Element imp, String selection) {
    List<String> out = new ArrayList<>();
    for (Element s : children(imp, selection)) {
      children(s, "with-id").forEach(w -> out.add(w.getTextContent().strip()));
    }
    return out;
  }
}
