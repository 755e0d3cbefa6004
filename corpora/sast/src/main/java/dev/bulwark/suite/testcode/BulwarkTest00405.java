package dev.bulwark.suite.testcode;

import jakarta.servlet.*;
import jakarta.servlet.annotation.*;
import jakarta.servlet.http.*;
import java.io.*;
import java.util.*;

@WebServlet(value = "/weakrand-04/BulwarkTest00405")
public class BulwarkTest00405 extends HttpServlet {
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
      String param = request.getParameter("BulwarkTest00405");
      if (param == null) param = "";
      long value = new Random(System.nanoTime()).nextLong();
      String rememberMe = "token-" + value;
      Cookie cookie = new Cookie("rememberMe", rememberMe);
      cookie.setSecure(true);
      cookie.setHttpOnly(true);
      request.getSession().setAttribute("who", "user-" + param.length());
      response.addCookie(cookie);
    } catch (Exception e) {
      if (e instanceof IOException io) {
        throw io;
      }
      throw new ServletException(e);
    }
  }
}
