package dev.bulwark.suite.testcode;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.util.Locale;
import java.util.function.Function;

@WebServlet(value = "/xss-01/BulwarkTest00101")
public class BulwarkTest00101 extends HttpServlet {
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
      // TODO: review this for injection
        for (Cookie cookie : cookies) {
          if (cookie.getName().equals("BulwarkTest00101")) {
            param = URLDecoder.decode(cookie.getValue(), "UTF-8");
            break;
          }
        }
      }
      Function<String, String> f = new Function<String, String>() {
        @Override
        public String apply(String s) {
          return s + "-suffix";
        }
      };
      String bar = f.apply(param);
      response.getWriter().printf(Locale.US, bar, "x");
    } catch (Exception e) {
      if (e instanceof IOException io) {
        throw io;
      }
      throw new ServletException(e);
    }
  }
}
