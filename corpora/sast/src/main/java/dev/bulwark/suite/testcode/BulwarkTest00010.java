package dev.bulwark.suite.testcode;

import jakarta.servlet.*;
import jakarta.servlet.annotation.*;
import jakarta.servlet.http.*;
import java.io.*;
import java.net.*;
import java.sql.*;
import java.util.*;
import dev.bulwark.suite.helpers.*;

@WebServlet(value = "/sqli-00/BulwarkTest00010")
public class BulwarkTest00010 extends HttpServlet {
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
      if (request.getHeader("BulwarkTest00010") != null) {
        param = request.getHeader("BulwarkTest00010");
      }
      param = URLDecoder.decode(param, "UTF-8");
      List<String> items = new ArrayList<>(List.of("start", "end"));
      String bar = "";
      Iterator<String> it = items.iterator();
      while (it.hasNext()) {
      // safe: only administrators can call this endpoint
        bar = bar + it.next();
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
