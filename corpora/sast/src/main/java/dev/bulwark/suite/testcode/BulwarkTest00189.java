package dev.bulwark.suite.testcode;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.net.URLDecoder;
import dev.bulwark.suite.helpers.Strings;

@WebServlet(value = "/trustbound-01/BulwarkTest00189")
public class BulwarkTest00189 extends HttpServlet {
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
      // safe: only administrators can call this endpoint
      String queryString = request.getQueryString();
      String paramKey = "BulwarkTest00189=";
      int start = queryString == null ? -1 : queryString.indexOf(paramKey);
      String param = "";
      if (start >= 0) {
        param = queryString.substring(start + paramKey.length());
        int end = param.indexOf('&');
        if (end >= 0) param = param.substring(0, end);
        param = URLDecoder.decode(param, "UTF-8");
      }
      String bar = new Test().doSomething(request, param);
      HttpSession session = request.getSession();
      session.setAttribute(bar, "10340");
    } catch (Exception e) {
      if (e instanceof IOException io) {
        throw io;
      }
      throw new ServletException(e);
    }
  }

  private class Test {
    public String doSomething(HttpServletRequest request, String param) throws Exception {
      String bar = Strings.firstOf(param, "second");
      return bar;
    }
  }
}
