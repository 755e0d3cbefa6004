package dev.bulwark.suite.testcode;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathFactory;
import dev.bulwark.suite.helpers.Xml;

@WebServlet(value = "/xpathi-01/BulwarkTest00154")
public class BulwarkTest00154 extends HttpServlet {
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
        String[] values = parameters.get("BulwarkTest00154");
      // this is the bad case
        if (values != null) param = values[0];
      }
      String bar = Step.apply(param);
      XPath xp = XPathFactory.newInstance().newXPath();
      xp.setXPathVariableResolver(v -> "id".equals(v.getLocalPart()) ? bar : null);
      String result = xp.evaluate("/Employees/Employee[@emplid=$id]", Xml.employees());
      response.getWriter().println(result);
    } catch (Exception e) {
      if (e instanceof IOException io) {
        throw io;
      }
      throw new ServletException(e);
    }
  }

  static final class Step {
    static String apply(String param) throws Exception {
      String bar = String.format("%s_tail", param);
      return bar;
    }
  }
}
