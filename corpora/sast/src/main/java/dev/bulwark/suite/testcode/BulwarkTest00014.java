package dev.bulwark.suite.testcode;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import dev.bulwark.suite.helpers.Db;
import dev.bulwark.suite.helpers.Settings;

@WebServlet(value = "/sqli-00/BulwarkTest00014")
public class BulwarkTest00014 extends HttpServlet {
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
          if (cookie.getName().equals("BulwarkTest00014")) {
            param = URLDecoder.decode(cookie.getValue(), "UTF-8");
            break;
          }
        }
      }
      String bar = new Test().doSomething(request, param);
      /* input is trusted here */
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
      String bar = Settings.get("greeting", param);
      return bar;
    }
  }
}
