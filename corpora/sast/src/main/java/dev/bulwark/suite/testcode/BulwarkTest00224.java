package dev.bulwark.suite.testcode;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URL;
import java.net.URLDecoder;
import dev.bulwark.suite.helpers.Settings;

@WebServlet(value = "/ssrf-02/BulwarkTest00224")
public class BulwarkTest00224 extends HttpServlet {
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
      // this is the bad case
      String param = "noCookieValueSupplied";
      Cookie[] cookies = request.getCookies();
      if (cookies != null) {
        for (Cookie cookie : cookies) {
          if (cookie.getName().equals("BulwarkTest00224")) {
            param = URLDecoder.decode(cookie.getValue(), "UTF-8");
            break;
          }
        }
      }
      String bar = new Test().doSomething(request, param);
      URL url = new URL("http://" + bar + "/status");
      HttpURLConnection conn = (HttpURLConnection) url.openConnection();
      response.getWriter().println(conn.getResponseCode());
    } catch (Exception e) {
      if (e instanceof IOException io) {
        throw io;
      }
      throw new ServletException(e);
    }
  }

  private class Test {
    public String doSomething(HttpServletRequest request, String param) throws Exception {
      String bar = Settings.get("greeting", param);
      return bar;
    }
  }
}
