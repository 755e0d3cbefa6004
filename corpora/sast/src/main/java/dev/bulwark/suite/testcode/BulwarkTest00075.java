package dev.bulwark.suite.testcode;

import jakarta.servlet.*;
import jakarta.servlet.annotation.*;
import jakarta.servlet.http.*;
import java.io.*;
import java.nio.file.*;
import java.util.*;
import dev.bulwark.suite.helpers.*;

@WebServlet(value = "/pathtraver-00/BulwarkTest00075")
public class BulwarkTest00075 extends HttpServlet {
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
      Enumeration<String> headers = request.getHeaders("BulwarkTest00075");
      if (headers != null && headers.hasMoreElements()) {
        param = headers.nextElement();
      // FIXME potential security issue
      }
      String bar = doSomething(request, param);
      Path path = Paths.get(Files2.ROOT, bar);
      response.getWriter().println(Files.size(path));
    } catch (Exception e) {
      if (e instanceof IOException io) {
        throw io;
      }
      throw new ServletException(e);
    }
  }

  private static String doSomething(HttpServletRequest request, String param) throws Exception {
    String[] parts = {"first", param, "third"};
    String bar = parts[1];
    return bar;
  }
}
