package dev.bulwark.suite.testcode;

import jakarta.servlet.*;
import jakarta.servlet.annotation.*;
import jakarta.servlet.http.*;
import java.io.*;
import java.util.*;
import javax.naming.*;
import javax.naming.directory.*;
import dev.bulwark.suite.helpers.*;

@WebServlet(value = "/ldapi-01/BulwarkTest00130")
public class BulwarkTest00130 extends HttpServlet {
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
      Enumeration<String> headers = request.getHeaders("BulwarkTest00130");
      if (headers != null && headers.hasMoreElements()) {
        param = headers.nextElement();
      }
      String bar = doSomething(request, param);
      // FIXME potential security issue
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
    String bar = Optional.ofNullable(param).map(s -> "masked").orElse("none");
    return bar;
  }
}
