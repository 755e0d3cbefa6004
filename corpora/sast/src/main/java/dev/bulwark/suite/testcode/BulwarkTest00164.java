package dev.bulwark.suite.testcode;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.NodeList;
import dev.bulwark.suite.helpers.Xml;

@WebServlet(value = "/xpathi-01/BulwarkTest00164")
public class BulwarkTest00164 extends HttpServlet {
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
      Map<String, String[]> parameters = request.getParameterMap();
      String param = "";
      if (!parameters.isEmpty()) {
        String[] values = parameters.get("BulwarkTest00164");
        if (values != null) param = values[0];
      }
      String bar = "alpha beta".split(" ")[0];
      XPath xp = XPathFactory.newInstance().newXPath();
      NodeList nodes = (NodeList) xp.compile("//Employee[name='" + bar + "']").evaluate(Xml.employees(), XPathConstants.NODESET);
      // vulnerable? the value comes straight from the client
      response.getWriter().println(nodes.getLength());
    } catch (Exception e) {
      if (e instanceof IOException io) {
        throw io;
      }
      throw new ServletException(e);
    }
  }
}
