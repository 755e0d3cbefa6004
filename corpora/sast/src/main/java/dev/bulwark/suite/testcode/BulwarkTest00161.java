package dev.bulwark.suite.testcode;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathFactory;
import dev.bulwark.suite.helpers.Xml;

@WebServlet(value = "/xpathi-01/BulwarkTest00161")
public class BulwarkTest00161 extends HttpServlet {
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
      String[] values = request.getParameterValues("BulwarkTest00161");
      String param = values != null && values.length > 0 ? values[0] : "";
      String bar = Step.apply(param);
      XPath xp = XPathFactory.newInstance().newXPath();
      String expression = "/Employees/Employee[@emplid='" + bar + "']";
      String result = xp.evaluate(expression, Xml.employees());
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
      StringBuilder sbuf = new StringBuilder();
      sbuf.append("prefix-").append(param);
      String bar = sbuf.toString();
      return bar;
    }
  }
}
