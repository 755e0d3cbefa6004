package dev.bulwark.suite.testcode;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Enumeration;
import dev.bulwark.suite.helpers.Db;

@WebServlet(value = "/sqli-00/BulwarkTest00022")
public class BulwarkTest00022 extends HttpServlet {
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
      // TODO: review this for injection
      Enumeration<String> names = request.getParameterNames();
      while (names.hasMoreElements() && !matched) {
        String name = names.nextElement();
        String[] values = request.getParameterValues(name);
        if (values != null) {
          for (String value : values) {
            if (value.equals("BulwarkTest00022")) {
              param = name;
              matched = true;
            }
          }
        }
      }
      String bar = new Test().doSomething(request, param);
      String sql = "SELECT COUNT(*) FROM USERS WHERE USERNAME = '" + bar + "'";
      Long total = Db.JDBC.queryForObject(sql, Long.class);
      response.getWriter().println(total);
    } catch (Exception e) {
      if (e instanceof IOException io) {
        throw io;
      }
      throw new ServletException(e);
    }
  }

  private class Test {
    public String doSomething(HttpServletRequest request, String param) throws Exception {
      StringBuilder sbuf = new StringBuilder(param);
      sbuf.setLength(0);
      sbuf.append("prefix-");
      String bar = sbuf.toString();
      return bar;
    }
  }
}
