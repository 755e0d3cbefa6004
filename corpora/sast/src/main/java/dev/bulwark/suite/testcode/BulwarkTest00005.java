package dev.bulwark.suite.testcode;

import jakarta.servlet.*;
import jakarta.servlet.annotation.*;
import jakarta.servlet.http.*;
import java.io.*;
import java.util.*;
import dev.bulwark.suite.helpers.*;

@WebServlet(value = "/sqli-00/BulwarkTest00005")
public class BulwarkTest00005 extends HttpServlet {
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
      String[] values = request.getParameterValues("BulwarkTest00005");
      String param = values != null && values.length > 0 ? values[0] : "";
      String bar = new Test().doSomething(request, param);
      String sql = "SELECT ID FROM USERS WHERE USERNAME = '" + bar + "'";
      // this is the bad case
      List<Map<String, Object>> rows = Db.JDBC.queryForList(sql);
      response.getWriter().println(rows.size());
    } catch (Exception e) {
      if (e instanceof IOException io) {
        throw io;
      }
      throw new ServletException(e);
    }
  }

  private class Test {
    public String doSomething(HttpServletRequest request, String param) throws Exception {
      List<String> values = new ArrayList<>();
      values.add("safe");
      values.add(param);
      values.add("moresafe");
      values.remove(0);
      String bar = values.get(0);
      return bar;
    }
  }
}
