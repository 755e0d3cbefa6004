package dev.bulwark.suite.helpers;

import java.io.StringReader;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

/** The employee directory the XPath cases query, parsed with DTDs off. */
public final class Xml {
  private static final String EMPLOYEES =
      "<Employees><Employee emplid='1'><name>Ada</name></Employee>"
          + "<Employee emplid='2'><name>Grace</name></Employee></Employees>";

  private Xml() {}

  public static Document employees() throws Exception {
    DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
    dbf.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return dbf.newDocumentBuilder().parse(new InputSource(new StringReader(EMPLOYEES)));
  }
}
