package dev.bulwark.suite.testcode;

import jakarta.servlet.*;
import jakarta.servlet.annotation.*;
import jakarta.servlet.http.*;
import java.io.*;
import java.net.*;
import org.springframework.expression.*;
import org.springframework.expression.spel.standard.*;
import dev.bulwark.suite.helpers.*;

@WebServlet(value = "/elinjection-02/BulwarkTest00275")
public class BulwarkTest00275 extends HttpServlet {
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
          if (cookie.getName().equals("BulwarkTest00275")) {
            param = URLDecoder.decode(cookie.getValue(), "UTF-8");
            break;
          }
        }
      }
      String bar = doSomething(request, param);
      // this is the good case
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

  private static String doSomething(HttpServletRequest request, String param) throws Exception {
    Holder holder = new Holder();
    holder.value = param;
    String bar = holder.value;
    return bar;
  }
}
