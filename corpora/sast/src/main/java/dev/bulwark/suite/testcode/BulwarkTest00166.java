package dev.bulwark.suite.testcode;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.util.function.Function;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathFactory;
import dev.bulwark.suite.helpers.Xml;

@WebServlet(value = "/xpathi-01/BulwarkTest00166")
public class BulwarkTest00166 extends HttpServlet {
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
      if (request.getHeader("BulwarkTest00166") != null) {
        param = request.getHeader("BulwarkTest00166");
      }
      param = URLDecoder.decode(param, "UTF-8");
      String bar = doSomething(request, param);
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

  private static String doSomething(HttpServletRequest request, String param) throws Exception {
    Function<String, String> f = s -> s.trim();
    String bar = f.apply(param);
    return bar;
  }
}
