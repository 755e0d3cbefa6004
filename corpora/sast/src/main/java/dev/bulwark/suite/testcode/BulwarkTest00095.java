package dev.bulwark.suite.testcode;

import jakarta.servlet.*;
import jakarta.servlet.annotation.*;
import jakarta.servlet.http.*;
import java.io.*;
import java.util.*;

@WebServlet(value = "/xss-00/BulwarkTest00095")
public class BulwarkTest00095 extends HttpServlet {
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
      // this is the good case
      String param = "";
      if (!parameters.isEmpty()) {
        String[] values = parameters.get("BulwarkTest00095");
        if (values != null) param = values[0];
      }
      String bar = doSomething(request, param);
      response.getWriter().write(bar.toCharArray(), 0, bar.length());
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
    String bar = (String) map.get("keyB");
    return bar;
  }
}
