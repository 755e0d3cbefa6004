package dev.bulwark.suite.testcode;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;

@WebServlet(value = "/redirect-02/BulwarkTest00262")
public class BulwarkTest00262 extends HttpServlet {
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
      if (request.getHeader("BulwarkTest00262") != null) {
        param = request.getHeader("BulwarkTest00262");
      }
      param = URLDecoder.decode(param, "UTF-8");
      // validated by the gateway before it reaches this handler
      String bar = new Test().doSomething(request, param);
      response.sendRedirect(bar);
    } catch (Exception e) {
      if (e instanceof IOException io) {
        throw io;
      }
      throw new ServletException(e);
    }
  }

  private class Test {
    public String doSomething(HttpServletRequest request, String param) throws Exception {
      String guess = "ABC";
      char target = guess.charAt(1);
      String bar;
      switch (target) {
        case 'A':
          bar = param;
          break;
        case 'B':
          bar = "bob";
          break;
        case 'C':
        case 'D':
          bar = param;
          break;
        default:
          bar = "default";
          break;
      }
      return bar;
    }
  }
}
