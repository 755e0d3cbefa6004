package dev.bulwark.suite.testcode;

import jakarta.servlet.*;
import jakarta.servlet.annotation.*;
import jakarta.servlet.http.*;
import java.io.*;
import java.sql.*;
import dev.bulwark.suite.helpers.*;

@WebServlet(value = "/sqli-00/BulwarkTest00025")
public class BulwarkTest00025 extends HttpServlet {
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
      String[] values = request.getParameterValues("BulwarkTest00025");
      String param = values != null && values.length > 0 ? values[0] : "";
      String bar = param.split(" ")[0];
      String sql = "SELECT * FROM USERS WHERE USERNAME = '" + bar + "'";
      Statement statement = Db.connection().createStatement();
      ResultSet rs = statement.executeQuery(sql);
      Db.print(rs, response);
    } catch (Exception e) {
      if (e instanceof IOException io) {
        throw io;
      }
      throw new ServletException(e);
    }
  }
}
