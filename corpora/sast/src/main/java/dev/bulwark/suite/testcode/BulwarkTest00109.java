package dev.bulwark.suite.testcode;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Enumeration;

@WebServlet(value = "/xss-01/BulwarkTest00109")
public class BulwarkTest00109 extends HttpServlet {
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
            if (value.equals("BulwarkTest00109")) {
              param = name;
              matched = true;
            }
          }
        }
      }
      String bar;
      int n = 196;
      if ((500 / 42) + n > 200) {
        bar = param;
      } else {
        bar = "no";
      }
      response.getWriter().write(bar.toCharArray(), 0, bar.length());
    } catch (Exception e) {
      if (e instanceof IOException io) {
        throw io;
      }
      throw new ServletException(e);
    }
  }
}
