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

@WebServlet(value = "/cmdi-00/BulwarkTest00057")
public class BulwarkTest00057 extends HttpServlet {
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
      Enumeration<String> headers = request.getHeaders("BulwarkTest00057");
      if (headers != null && headers.hasMoreElements()) {
        param = headers.nextElement();
      }
      String bar = doSomething(request, param);
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

  private static String doSomething(HttpServletRequest request, String param) throws Exception {
    Function<String, String> f = s -> s.trim();
    String bar = f.apply(param);
    return bar;
  }
}
