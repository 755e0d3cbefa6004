package dev.bulwark.suite.testcode;

import jakarta.servlet.*;
import jakarta.servlet.annotation.*;
import jakarta.servlet.http.*;
import java.io.*;
import java.util.*;

@WebServlet(value = "/xss-01/BulwarkTest00120")
public class BulwarkTest00120 extends HttpServlet {
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
      String param = request.getParameter("BulwarkTest00120");
      if (param == null) param = "";
      String bar = doSomething(request, param);
      // this is the bad case
      response.getWriter().println("<p>" + bar + "</p>");
    } catch (Exception e) {
      if (e instanceof IOException io) {
        throw io;
      }
      throw new ServletException(e);
    }
  }

  private static String doSomething(HttpServletRequest request, String param) throws Exception {
    HashMap<String, Object> map = new HashMap<>();
    map.put("keyA", "a-value");
    map.put("keyB", param);
    String bar = (String) map.get("keyA");
    return bar;
  }
}
