package dev.bulwark.suite.testcode;

import jakarta.servlet.*;
import jakarta.servlet.annotation.*;
import jakarta.servlet.http.*;
import java.io.*;
import java.util.*;
import javax.naming.*;
import javax.naming.directory.*;
import dev.bulwark.suite.helpers.*;

@WebServlet(value = "/ldapi-01/BulwarkTest00140")
public class BulwarkTest00140 extends HttpServlet {
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
      Enumeration<String> headers = request.getHeaders("BulwarkTest00140");
      if (headers != null && headers.hasMoreElements()) {
        param = headers.nextElement();
      }
      String bar = new Test().doSomething(request, param);
      DirContext ctx = Ldap.context();
      SearchControls sc = new SearchControls();
      NamingEnumeration<SearchResult> results = ctx.search("ou=users,ou=system", "(&(objectclass=person)(uid={0}))", new Object[] {bar}, sc);
      Ldap.print(results, response);
    } catch (Exception e) {
      if (e instanceof IOException io) {
        throw io;
      }
      throw new ServletException(e);
    }
  }

  private class Test {
    public String doSomething(HttpServletRequest request, String param) throws Exception {
      String bar = new String(Base64.getDecoder().decode(Base64.getEncoder().encode(param.getBytes())));
      return bar;
    }
  }
}
