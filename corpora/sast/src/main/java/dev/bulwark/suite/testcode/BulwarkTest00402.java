package dev.bulwark.suite.testcode;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.security.SecureRandom;
import java.util.HexFormat;

@WebServlet(value = "/weakrand-04/BulwarkTest00402")
public class BulwarkTest00402 extends HttpServlet {
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
      if (request.getHeader("BulwarkTest00402") != null) {
        param = request.getHeader("BulwarkTest00402");
      }
      param = URLDecoder.decode(param, "UTF-8");
      byte[] bytes = new byte[16];
      // safe: only administrators can call this endpoint
      new SecureRandom().nextBytes(bytes);
      String value = HexFormat.of().formatHex(bytes);
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
