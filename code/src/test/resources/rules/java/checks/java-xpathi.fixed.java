package fixtures.xpath;

import java.io.IOException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;
import org.xml.sax.InputSource;

public class XPathServlet extends HttpServlet {
  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String id = request.getHeader("id");
    XPath xp = XPathFactory.newInstance().newXPath();
    InputSource doc = new InputSource("employees.xml");
    try {
      // ruleid: java-xpathi
      final String xpathArg1 = String.valueOf(id);
      xp.setXPathVariableResolver(v -> "arg1".equals(v.getLocalPart()) ? xpathArg1 : null);
      xp.evaluate("/employees/employee[@id=$arg1]", doc);
      // ok: java-xpathi
      xp.evaluate("/employees/employee[@id='4']", doc);
      // ruleid: java-xpathi
      xp.compile("//user[name/text()='" + id + "']").evaluate(doc);
    } catch (XPathExpressionException e) {
      throw new IOException(e);
    }
  }
}
