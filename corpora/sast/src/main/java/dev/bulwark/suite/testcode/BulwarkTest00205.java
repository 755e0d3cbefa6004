package dev.bulwark.suite.testcode;

import jakarta.servlet.*;
import jakarta.servlet.annotation.*;
import jakarta.servlet.http.*;
import java.io.*;
import java.util.*;

@WebServlet(value = "/trustbound-02/BulwarkTest00205")
public class BulwarkTest00205 extends HttpServlet {
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
      Enumeration<String> headers = request.getHeaders("BulwarkTest00205");
      if (headers != null && headers.hasMoreElements()) {
        param = headers.nextElement();
      }
      String bar = new Test().doSomething(request, param);
      request.getSession().setAttribute("userid", bar);
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
