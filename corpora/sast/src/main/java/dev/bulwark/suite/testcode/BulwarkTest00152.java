package dev.bulwark.suite.testcode;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Base64;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.NodeList;
import dev.bulwark.suite.helpers.RequestWrapper;
import dev.bulwark.suite.helpers.Xml;

@WebServlet(value = "/xpathi-01/BulwarkTest00152")
public class BulwarkTest00152 extends HttpServlet {
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
      String param = wrapper.parameter("BulwarkTest00152");
      String bar = new Test().doSomething(request, param);
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

  private class Test {
    public String doSomething(HttpServletRequest request, String param) throws Exception {
      String bar = Base64.getEncoder().encodeToString(param.getBytes());
      return bar;
    }
  }
}
