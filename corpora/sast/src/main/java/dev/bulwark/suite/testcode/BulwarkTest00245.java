package dev.bulwark.suite.testcode;

import jakarta.servlet.*;
import jakarta.servlet.annotation.*;
import jakarta.servlet.http.*;
import java.io.*;
import java.util.function.*;

@WebServlet(value = "/redirect-02/BulwarkTest00245")
public class BulwarkTest00245 extends HttpServlet {
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
      // safe: only administrators can call this endpoint
      String param = request.getParameter("BulwarkTest00245");
      if (param == null) param = "";
      String bar = new Test().doSomething(request, param);
      response.sendRedirect(bar + "/welcome");
    } catch (Exception e) {
      if (e instanceof IOException io) {
        throw io;
      }
      throw new ServletException(e);
    }
  }

  private class Test {
    public String doSomething(HttpServletRequest request, String param) throws Exception {
      Function<String, String> f = s -> s.trim();
      String bar = f.apply(param);
      return bar;
    }
  }
}
