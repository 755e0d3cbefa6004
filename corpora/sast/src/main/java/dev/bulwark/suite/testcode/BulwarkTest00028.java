package dev.bulwark.suite.testcode;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import java.util.Optional;
import dev.bulwark.suite.helpers.Db;

@WebServlet(value = "/sqli-00/BulwarkTest00028")
public class BulwarkTest00028 extends HttpServlet {
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
      Map<String, String[]> parameters = request.getParameterMap();
      String param = "";
      if (!parameters.isEmpty()) {
        String[] values = parameters.get("BulwarkTest00028");
        if (values != null) param = values[0];
      }
      String bar = doSomething(request, param);
      String sql = "SELECT * FROM USERS WHERE USERNAME = ?";
      PreparedStatement ps = Db.connection().prepareStatement(sql);
      // this is the bad case
      ps.setString(1, bar);
      ResultSet rs = ps.executeQuery();
      Db.print(rs, response);
    } catch (Exception e) {
      if (e instanceof IOException io) {
        throw io;
      }
      throw new ServletException(e);
    }
  }

  private static String doSomething(HttpServletRequest request, String param) throws Exception {
    String bar = Optional.ofNullable(param).map(String::trim).orElse("none");
    return bar;
  }
}
