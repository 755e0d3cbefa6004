package dev.bulwark.suite.testcode;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.NodeList;
import dev.bulwark.suite.helpers.RequestWrapper;
import dev.bulwark.suite.helpers.Xml;

@WebServlet(value = "/xpathi-01/BulwarkTest00172")
public class BulwarkTest00172 extends HttpServlet {
  private static final long serialVersionUID = 1L;

  @Override
  public void doGet(HttpServletRequest request, HttpServletResponse response)
      throws ServletException, IOException {
    doPost(request, response);
  }

  @Override
  public void doPost(HttpServletRequest request, HttpServletResponse response)
      throws ServletException, IOException {
    response.setContentType("text/html;charset=UTF-8");
    try {
      RequestWrapper wrapper = new RequestWrapper(request);
      String param = wrapper.parameter("BulwarkTest00172");
      int num = 86;
      String bar = (7 * 42) - num > 200 ? "constant text" : param;
      XPath xp = XPathFactory.newInstance().newXPath();
      NodeList nodes = (NodeList) xp.compile("//Employee[name='" + bar + "']").evaluate(Xml.employees(), XPathConstants.NODESET);
      response.getWriter().println(nodes.getLength());
    } catch (Exception e) {
      if (e instanceof IOException io) {
        throw io;
      }
      throw new ServletException(e);
    }
  }
}
