package dev.bulwark.suite.testcode;

import jakarta.servlet.*;
import jakarta.servlet.annotation.*;
import jakarta.servlet.http.*;
import java.io.*;
import java.net.*;

@WebServlet(value = "/ssrf-02/BulwarkTest00235")
public class BulwarkTest00235 extends HttpServlet {
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
      String[] values = request.getParameterValues("BulwarkTest00235");
      String param = values != null && values.length > 0 ? values[0] : "";
      String bar = param.split(" ")[0];
      URL url = new URL(bar);
      try (InputStream in = url.openStream()) {
        response.getWriter().println(in.available());
      }
    } catch (Exception e) {
      if (e instanceof IOException io) {
        throw io;
      }
      throw new ServletException(e);
    }
  }
}
