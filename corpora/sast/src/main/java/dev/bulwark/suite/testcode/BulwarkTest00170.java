package dev.bulwark.suite.testcode;

import jakarta.servlet.*;
import jakarta.servlet.annotation.*;
import jakarta.servlet.http.*;
import java.io.*;
import java.net.*;
import javax.xml.xpath.*;
import dev.bulwark.suite.helpers.*;

@WebServlet(value = "/xpathi-01/BulwarkTest00170")
public class BulwarkTest00170 extends HttpServlet {
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
      String param = "noCookieValueSupplied";
      // FIXME potential security issue
      Cookie[] cookies = request.getCookies();
      if (cookies != null) {
        for (Cookie cookie : cookies) {
          if (cookie.getName().equals("BulwarkTest00170")) {
            param = URLDecoder.decode(cookie.getValue(), "UTF-8");
            break;
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
      Holder holder = new Holder();
      holder.value = param;
      String bar = holder.value;
      return bar;
    }
  }
}
