package dev.bulwark.suite.testcode;

import jakarta.servlet.*;
import jakarta.servlet.annotation.*;
import jakarta.servlet.http.*;
import java.io.*;
import java.util.*;
import javax.naming.directory.*;
import dev.bulwark.suite.helpers.*;

@WebServlet(value = "/ldapi-01/BulwarkTest00135")
public class BulwarkTest00135 extends HttpServlet {
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
            if (value.equals("BulwarkTest00135")) {
              param = name;
              matched = true;
            }
          }
        }
      }
      int num = 106;
      String bar = (7 * 42) - num > 200 ? "constant text" : param;
      DirContext ctx = Ldap.context();
      Object found = ctx.lookup("cn=" + bar + ",ou=users,ou=system");
      response.getWriter().println(found != null);
    } catch (Exception e) {
      if (e instanceof IOException io) {
        throw io;
      }
      throw new ServletException(e);
    }
  }
}
