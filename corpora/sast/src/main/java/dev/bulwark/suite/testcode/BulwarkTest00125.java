package dev.bulwark.suite.testcode;

import jakarta.servlet.*;
import jakarta.servlet.annotation.*;
import jakarta.servlet.http.*;
import java.io.*;
import java.util.*;
import javax.naming.*;
import javax.naming.directory.*;
import dev.bulwark.suite.helpers.*;

@WebServlet(value = "/ldapi-01/BulwarkTest00125")
public class BulwarkTest00125 extends HttpServlet {
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
        String name = names.nextElement();
        String[] values = request.getParameterValues(name);
        if (values != null) {
          for (String value : values) {
            if (value.equals("BulwarkTest00125")) {
              param = name;
              matched = true;
            }
          }
        }
      }
      String bar = Step.apply(param);
      DirContext ctx = Ldap.context();
      SearchControls sc = new SearchControls();
      NamingEnumeration<SearchResult> results = ctx.search("ou=users,ou=system", "(uid=" + bar + ")", new Object[0], sc);
      Ldap.print(results, response);
    } catch (Exception e) {
      if (e instanceof IOException io) {
        throw io;
      }
      throw new ServletException(e);
    }
  }

  static final class Step {
    static String apply(String param) throws Exception {
      String[] parts = {"first", param, "third"};
      String bar = parts[1];
      return bar;
    }
  }
}
