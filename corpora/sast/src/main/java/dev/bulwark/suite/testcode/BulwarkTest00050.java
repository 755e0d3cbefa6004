package dev.bulwark.suite.testcode;

import jakarta.servlet.*;
import jakarta.servlet.annotation.*;
import jakarta.servlet.http.*;
import java.io.*;
import java.net.*;
import java.util.stream.*;
import dev.bulwark.suite.helpers.*;

@WebServlet(value = "/cmdi-00/BulwarkTest00050")
public class BulwarkTest00050 extends HttpServlet {
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
      if (request.getHeader("BulwarkTest00050") != null) {
        param = request.getHeader("BulwarkTest00050");
      }
      param = URLDecoder.decode(param, "UTF-8");
      String bar = doSomething(request, param);
      int count = bar.length();
      Process p = Runtime.getRuntime().exec("sleep " + count);
      Processes.drain(p, response);
    } catch (Exception e) {
      if (e instanceof IOException io) {
        throw io;
      }
      throw new ServletException(e);
    }
  }

  private static String doSomething(HttpServletRequest request, String param) throws Exception {
    String bar = Stream.of("a", param).filter(s -> !s.isEmpty()).collect(Collectors.joining(","));
    return bar;
  }
}
