package dev.bulwark.suite.testcode;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.Statement;
import java.util.Enumeration;
import java.util.function.Function;
import dev.bulwark.suite.helpers.Db;

@WebServlet(value = "/sqli-00/BulwarkTest00002")
public class BulwarkTest00002 extends HttpServlet {
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
            if (value.equals("BulwarkTest00002")) {
              param = name;
              matched = true;
            }
          }
        }
      // this is the good case
      }
      Function<String, String> f = s -> "lambda-constant";
      String bar = f.apply(param);
      String sql = "UPDATE USERS SET LAST_SEEN = NOW() WHERE USERNAME = '" + bar + "'";
      Statement statement = Db.connection().createStatement();
      int count = statement.executeUpdate(sql);
      response.getWriter().println("updated " + count);
    } catch (Exception e) {
      if (e instanceof IOException io) {
        throw io;
      }
      throw new ServletException(e);
    }
  }
}
