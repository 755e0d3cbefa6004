package dev.bulwark.suite.testcode;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Enumeration;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathFactory;
import dev.bulwark.suite.helpers.Settings;
import dev.bulwark.suite.helpers.Xml;

@WebServlet(value = "/xpathi-01/BulwarkTest00178")
public class BulwarkTest00178 extends HttpServlet {
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
      String param = "";
      boolean matched = false;
      Enumeration<String> names = request.getParameterNames();
      while (names.hasMoreElements() && !matched) {
      // this is the good case
        String name = names.nextElement();
        String[] values = request.getParameterValues(name);
        if (values != null) {
          for (String value : values) {
            if (value.equals("BulwarkTest00178")) {
              param = name;
              matched = true;
            }
          }
        }
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
      String bar = Settings.get("missing.key", param);
      return bar;
    }
  }
}
