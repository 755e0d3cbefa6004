package fixtures.xxe;

import java.io.InputStream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.stream.XMLInputFactory;
import org.w3c.dom.Document;

public class XmlImport {
  Document unsafe(InputStream in) throws Exception {
    DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
    DocumentBuilder db = dbf.newDocumentBuilder();
    // ruleid: java-xxe
    return db.parse(in);
  }

  Document safe(InputStream in) throws Exception {
    DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
    dbf.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    // ok: java-xxe
    return dbf.newDocumentBuilder().parse(in);
  }

  Document alsoSafe(InputStream in) throws Exception {
    DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
    dbf.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    // ok: java-xxe
    return dbf.newDocumentBuilder().parse(in);
  }

  void sax(InputStream in) throws Exception {
    SAXParserFactory spf = SAXParserFactory.newInstance();
    spf.setFeature("http://xml.org/sax/features/external-general-entities", false);
    // ruleid: java-xxe
    spf.newSAXParser().parse(in, new org.xml.sax.helpers.DefaultHandler());
  }

  void stax(InputStream in) throws Exception {
    XMLInputFactory xif = XMLInputFactory.newInstance();
    // ruleid: java-xxe
    xif.createXMLStreamReader(in);
    XMLInputFactory safe = XMLInputFactory.newFactory();
    safe.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    // ok: java-xxe
    safe.createXMLStreamReader(in);
    XMLInputFactory partly = XMLInputFactory.newFactory();
    partly.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    // external entities off, but the external DTD subset is still fetched (SSRF)
    // ruleid: java-xxe
    partly.createXMLStreamReader(in);
    XMLInputFactory both = XMLInputFactory.newFactory();
    both.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    both.setProperty(javax.xml.XMLConstants.ACCESS_EXTERNAL_DTD, "");
    // ok: java-xxe
    both.createXMLStreamReader(in);
  }

  org.dom4j.Document dom4j(java.io.File report) throws Exception {
    org.dom4j.io.SAXReader reader = new org.dom4j.io.SAXReader();
    // ruleid: java-xxe
    return reader.read(report);
  }

  org.dom4j.Document dom4jSafe(java.io.File report) throws Exception {
    org.dom4j.io.SAXReader reader = new org.dom4j.io.SAXReader();
    reader.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    // ok: java-xxe
    return reader.read(report);
  }

  Object digester(java.io.File in) throws Exception {
    org.apache.commons.digester3.Digester digester = new org.apache.commons.digester3.Digester();
    digester.setValidating(false);
    // ruleid: java-xxe
    return digester.parse(in);
  }
}

/** A format that makes its XML input factory once, in the constructor, and parses elsewhere. */
class XmlFormat {
  private final XMLInputFactory input;

  XmlFormat(XMLInputFactory xmlIn) {
    if (xmlIn == null) {
      xmlIn = XMLInputFactory.newInstance();
    }
    input = xmlIn;
  }

  Object read(InputStream in) throws Exception {
    // ruleid: java-xxe
    return input.createXMLStreamReader(in);
  }
}
