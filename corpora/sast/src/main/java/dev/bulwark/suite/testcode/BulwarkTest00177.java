package dev.bulwark.suite.testcode;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.util.Base64;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathFactory;
import dev.bulwark.suite.helpers.Xml;

@WebServlet(value = "/xpathi-01/BulwarkTest00177")
public class BulwarkTest00177 extends HttpServlet {
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
      String queryString = request.getQueryString();
      String paramKey = "BulwarkTest00177=";
      int start = queryString == null ? -1 : queryString.indexOf(paramKey);
      String param = "";
      if (start >= 0) {
        param = queryString.substring(start + paramKey.length());
        int end = param.indexOf('&');
        if (end >= 0) param = param.substring(0, end);
        param = URLDecoder.decode(param, "UTF-8");
      }
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
      String bar = new String(Base64.getDecoder().decode(Base64.getEncoder().encode(param.getBytes())));
      return bar;
    }
  }
}
