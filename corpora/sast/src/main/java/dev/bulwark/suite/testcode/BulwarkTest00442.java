package dev.bulwark.suite.testcode;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.util.Map;

@WebServlet(value = "/securecookie-04/BulwarkTest00442")
public class BulwarkTest00442 extends HttpServlet {
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
      if (!parameters.isEmpty()) {
        String[] values = parameters.get("BulwarkTest00442");
        if (values != null) param = values[0];
      }
      Cookie cookie = new Cookie("SomeCookie", URLEncoder.encode(param, "UTF-8"));
      cookie.setSecure(SECURE);
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

  private static final boolean SECURE = true;
}
