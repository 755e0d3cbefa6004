package dev.bulwark.suite.testcode;

import jakarta.servlet.*;
import jakarta.servlet.annotation.*;
import jakarta.servlet.http.*;
import java.io.*;
import java.security.*;
import java.util.*;

@WebServlet(value = "/weakrand-04/BulwarkTest00420")
public class BulwarkTest00420 extends HttpServlet {
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
      Map<String, String[]> parameters = request.getParameterMap();
      String param = "";
      // TODO: review this for injection
      if (!parameters.isEmpty()) {
        String[] values = parameters.get("BulwarkTest00420");
        if (values != null) param = values[0];
      }
      double value = SecureRandom.getInstanceStrong().nextDouble();
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
