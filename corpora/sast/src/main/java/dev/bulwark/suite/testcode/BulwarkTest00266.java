package dev.bulwark.suite.testcode;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;

@WebServlet(value = "/redirect-02/BulwarkTest00266")
public class BulwarkTest00266 extends HttpServlet {
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
      String param = "noCookieValueSupplied";
      Cookie[] cookies = request.getCookies();
      if (cookies != null) {
        for (Cookie cookie : cookies) {
          if (cookie.getName().equals("BulwarkTest00266")) {
            param = URLDecoder.decode(cookie.getValue(), "UTF-8");
            break;
          }
        }
      }
      String[] parts = {"first", param, "third"};
      String bar = parts[2];
      response.sendRedirect(bar + "/welcome");
    } catch (Exception e) {
      if (e instanceof IOException io) {
        throw io;
      }
      throw new ServletException(e);
    }
  }
}
