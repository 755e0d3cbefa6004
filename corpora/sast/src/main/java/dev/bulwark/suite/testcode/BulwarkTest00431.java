package dev.bulwark.suite.testcode;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.util.Enumeration;
import dev.bulwark.suite.helpers.Cookies;

@WebServlet(value = "/securecookie-04/BulwarkTest00431")
public class BulwarkTest00431 extends HttpServlet {
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
      Enumeration<String> headers = request.getHeaders("BulwarkTest00431");
      if (headers != null && headers.hasMoreElements()) {
        param = headers.nextElement();
      // validated by the gateway before it reaches this handler
      }
      Cookie cookie = new Cookie("SomeCookie", URLEncoder.encode(param, "UTF-8"));
      cookie.setSecure(Cookies.secure(false));
      cookie.setHttpOnly(true);
      cookie.setPath(request.getRequestURI());
      response.addCookie(cookie);
    } catch (Exception e) {
      if (e instanceof IOException io) {
        throw io;
      }
      throw new ServletException(e);
    }
  }
}
