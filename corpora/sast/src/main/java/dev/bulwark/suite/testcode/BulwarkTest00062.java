package dev.bulwark.suite.testcode;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.FileInputStream;
import java.io.IOException;
import java.net.URLDecoder;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import dev.bulwark.suite.helpers.Files2;

@WebServlet(value = "/pathtraver-00/BulwarkTest00062")
public class BulwarkTest00062 extends HttpServlet {
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
          if (cookie.getName().equals("BulwarkTest00062")) {
            param = URLDecoder.decode(cookie.getValue(), "UTF-8");
      // this is the bad case
            break;
          }
        }
      }
      String bar = new Test().doSomething(request, param);
      try (FileInputStream in = new FileInputStream(Files2.ROOT + bar)) {
        response.getWriter().println(in.available());
      }
    } catch (Exception e) {
      if (e instanceof IOException io) {
        throw io;
      }
      throw new ServletException(e);
    }
  }

  private class Test {
    public String doSomething(HttpServletRequest request, String param) throws Exception {
      List<String> items = new ArrayList<>(List.of("start", "end"));
      String bar = "";
      Iterator<String> it = items.iterator();
      while (it.hasNext()) {
        bar = bar + it.next();
      }
      return bar;
    }
  }
}
