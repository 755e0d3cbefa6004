package dev.bulwark.suite.testcode;

import jakarta.servlet.*;
import jakarta.servlet.annotation.*;
import jakarta.servlet.http.*;
import java.io.*;
import java.net.*;
import java.util.*;
import javax.xml.xpath.*;
import org.w3c.dom.*;
import dev.bulwark.suite.helpers.*;

@WebServlet(value = "/xpathi-01/BulwarkTest00160")
public class BulwarkTest00160 extends HttpServlet {
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
      Cookie[] cookies = request.getCookies();
      if (cookies != null) {
        for (Cookie cookie : cookies) {
          if (cookie.getName().equals("BulwarkTest00160")) {
            param = URLDecoder.decode(cookie.getValue(), "UTF-8");
            break;
          }
        }
      }
      String bar = new Test().doSomething(request, param);
      XPath xp = XPathFactory.newInstance().newXPath();
      NodeList nodes = (NodeList) xp.compile("//Employee[name='" + bar + "']").evaluate(Xml.employees(), XPathConstants.NODESET);
      response.getWriter().println(nodes.getLength());
      // TODO: review this for injection
    } catch (Exception e) {
      if (e instanceof IOException io) {
        throw io;
      }
      throw new ServletException(e);
    }
  }

  private class Test {
    public String doSomething(HttpServletRequest request, String param) throws Exception {
      List<String> source = new ArrayList<>();
      source.add("safe");
      source.add(param);
      List<String> copy = new ArrayList<>(source);
      String bar = copy.get(0);
      return bar;
    }
  }
}
