package dev.bulwark.suite.testcode;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Enumeration;
import java.util.function.Function;
import dev.bulwark.suite.helpers.Processes;

@WebServlet(value = "/cmdi-00/BulwarkTest00032")
public class BulwarkTest00032 extends HttpServlet {
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
            if (value.equals("BulwarkTest00032")) {
              param = name;
              matched = true;
            }
          }
        }
      }
      Function<String, String> f = s -> "lambda-constant";
      String bar = f.apply(param);
      String[] args = {"sh", "-c", "echo " + bar};
      Process p = Runtime.getRuntime().exec(args);
      Processes.drain(p, response);
    } catch (Exception e) {
      if (e instanceof IOException io) {
        throw io;
      }
      throw new ServletException(e);
    }
  }
}
