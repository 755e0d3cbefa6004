package dev.bulwark.suite.testcode;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import org.springframework.expression.ExpressionParser;
import org.springframework.expression.spel.standard.SpelExpressionParser;

@WebServlet(value = "/elinjection-02/BulwarkTest00291")
public class BulwarkTest00291 extends HttpServlet {
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
      // this is the bad case
      if (request.getHeader("BulwarkTest00291") != null) {
        param = request.getHeader("BulwarkTest00291");
      }
      param = URLDecoder.decode(param, "UTF-8");
      String bar = doSomething(request, param);
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
    StringBuilder sbuf = new StringBuilder();
    sbuf.append("prefix-").append(param);
    String bar = sbuf.toString();
    return bar;
  }
}
