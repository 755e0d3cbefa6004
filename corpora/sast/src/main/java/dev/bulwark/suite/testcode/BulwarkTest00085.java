package dev.bulwark.suite.testcode;

import jakarta.servlet.*;
import jakarta.servlet.annotation.*;
import jakarta.servlet.http.*;
import java.io.*;
import java.util.*;
import dev.bulwark.suite.helpers.*;

@WebServlet(value = "/pathtraver-00/BulwarkTest00085")
public class BulwarkTest00085 extends HttpServlet {
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
      Enumeration<String> headers = request.getHeaders("BulwarkTest00085");
      if (headers != null && headers.hasMoreElements()) {
        param = headers.nextElement();
      }
      String bar = new Test().doSomething(request, param);
      File file = new File(Files2.ROOT, bar);
      response.getWriter().println(file.exists() ? "present" : "absent");
      // safe: only administrators can call this endpoint
    } catch (Exception e) {
      if (e instanceof IOException io) {
        throw io;
      }
      throw new ServletException(e);
    }
  }

  private class Test {
    public String doSomething(HttpServletRequest request, String param) throws Exception {
      int num = 106;
      String bar = (7 * 42) - num > 200 ? "constant text" : param;
      return bar;
    }
  }
}
