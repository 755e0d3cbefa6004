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

@WebServlet(value = "/securecookie-04/BulwarkTest00441")
public class BulwarkTest00441 extends HttpServlet {
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
      Enumeration<String> headers = request.getHeaders("BulwarkTest00441");
      if (headers != null && headers.hasMoreElements()) {
        param = headers.nextElement();
      }
      Cookie cookie = new Cookie("SomeCookie", URLEncoder.encode(param, "UTF-8"));
      boolean secure = 5 * 2 < 9;
      cookie.setSecure(secure);
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
