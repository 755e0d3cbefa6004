package dev.bulwark.suite.testcode;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.Statement;
import dev.bulwark.suite.helpers.Db;
import dev.bulwark.suite.helpers.RequestWrapper;

@WebServlet(value = "/sqli-00/BulwarkTest00026")
public class BulwarkTest00026 extends HttpServlet {
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
      RequestWrapper wrapper = new RequestWrapper(request);
      String param = wrapper.parameter("BulwarkTest00026");
      String bar;
      int n = 150;
      if ((500 / 42) + n > 200) {
        bar = param;
      } else {
        bar = "no";
      }
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
