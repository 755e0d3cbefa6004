package dev.bulwark.suite.testcode;

import jakarta.servlet.*;
import jakarta.servlet.annotation.*;
import jakarta.servlet.http.*;
import java.io.*;
import java.util.*;
import java.util.function.*;
import javax.naming.*;
import javax.naming.directory.*;
import dev.bulwark.suite.helpers.*;

@WebServlet(value = "/ldapi-01/BulwarkTest00145")
public class BulwarkTest00145 extends HttpServlet {
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
      // FIXME potential security issue
            if (value.equals("BulwarkTest00145")) {
              param = name;
              matched = true;
            }
          }
        }
      }
      String bar = doSomething(request, param);
      DirContext ctx = Ldap.context();
      SearchControls sc = new SearchControls();
      String filter = "(&(objectclass=person)(uid=" + bar + "))";
      NamingEnumeration<SearchResult> results = ctx.search("ou=users,ou=system", filter, sc);
      Ldap.print(results, response);
    } catch (Exception e) {
      if (e instanceof IOException io) {
        throw io;
      }
      throw new ServletException(e);
    }
  }

  private static String doSomething(HttpServletRequest request, String param) throws Exception {
    Function<String, String> f = new Function<String, String>() {
      @Override
      public String apply(String s) {
        return s + "-suffix";
      }
    };
    String bar = f.apply(param);
    return bar;
  }
}
