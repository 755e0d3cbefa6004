package dev.bulwark.suite.testcode;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import dev.bulwark.suite.helpers.Db;
import dev.bulwark.suite.helpers.RequestWrapper;
import dev.bulwark.suite.helpers.Strings;

@WebServlet(value = "/sqli-00/BulwarkTest00016")
public class BulwarkTest00016 extends HttpServlet {
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
      String param = wrapper.parameter("BulwarkTest00016");
      String bar = Step.apply(param);
      String sql = "SELECT * FROM USERS WHERE USERNAME = ?";
      PreparedStatement ps = Db.connection().prepareStatement(sql);
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

  static final class Step {
    static String apply(String param) throws Exception {
      String bar = Strings.decorate(param);
      return bar;
    }
  }
}
