package dev.bulwark.suite.testcode;

import jakarta.servlet.*;
import jakarta.servlet.annotation.*;
import jakarta.servlet.http.*;
import java.io.*;
import java.net.*;
import java.util.function.*;

@WebServlet(value = "/xss-01/BulwarkTest00110")
public class BulwarkTest00110 extends HttpServlet {
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
      String param = request.getParameter("BulwarkTest00110");
      if (param == null) param = "";
      Function<String, String> f = s -> s.trim();
      String bar = f.apply(param);
      response.setContentType("text/html");
      response.getWriter().write(URLEncoder.encode(bar, "UTF-8"));
    } catch (Exception e) {
      if (e instanceof IOException io) {
        throw io;
      }
      throw new ServletException(e);
    }
  }
}
