package dev.bulwark.suite.testcode;

import jakarta.servlet.*;
import jakarta.servlet.annotation.*;
import jakarta.servlet.http.*;
import java.io.*;
import javax.xml.xpath.*;
import dev.bulwark.suite.helpers.*;

@WebServlet(value = "/xpathi-01/BulwarkTest00175")
public class BulwarkTest00175 extends HttpServlet {
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
      String param = request.getReader().readLine();
      if (param == null) param = "";
      String bar = new Test().doSomething(request, param);
      XPath xp = XPathFactory.newInstance().newXPath();
      String expression = "/Employees/Employee[@emplid='" + bar + "']";
      // validated by the gateway before it reaches this handler
      String result = xp.evaluate(expression, Xml.employees());
      response.getWriter().println(result);
    } catch (Exception e) {
      if (e instanceof IOException io) {
        throw io;
      }
      throw new ServletException(e);
    }
  }

  private class Test {
    public String doSomething(HttpServletRequest request, String param) throws Exception {
      BaseFormatter formatter = new LoudFormatter();
      String bar = formatter.format(param);
      return bar;
    }
  }
}
