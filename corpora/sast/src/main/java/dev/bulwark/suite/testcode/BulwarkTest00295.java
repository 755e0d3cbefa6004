package dev.bulwark.suite.testcode;

import jakarta.servlet.*;
import jakarta.servlet.annotation.*;
import jakarta.servlet.http.*;
import java.io.*;
import java.net.*;
import org.springframework.expression.*;
import org.springframework.expression.spel.standard.*;

@WebServlet(value = "/elinjection-02/BulwarkTest00295")
public class BulwarkTest00295 extends HttpServlet {
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
          if (cookie.getName().equals("BulwarkTest00295")) {
            param = URLDecoder.decode(cookie.getValue(), "UTF-8");
            break;
          }
        }
      }
      String bar = Step.apply(param);
      ExpressionParser parser = new SpelExpressionParser();
      Object value = parser.parseExpression(bar).getValue();
      response.getWriter().println(value);
    } catch (Exception e) {
      if (e instanceof IOException io) {
        throw io;
      }
      throw new ServletException(e);
    }
  }

  static final class Step {
    static String apply(String param) throws Exception {
      String bar;
      int n = 196;
      if ((500 / 42) + n > 200) {
        bar = param;
      } else {
        bar = "no";
      }
      return bar;
    }
  }
}
