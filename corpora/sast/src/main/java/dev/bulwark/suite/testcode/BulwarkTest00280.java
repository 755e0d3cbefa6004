package dev.bulwark.suite.testcode;

import jakarta.servlet.*;
import jakarta.servlet.annotation.*;
import jakarta.servlet.http.*;
import java.io.*;
import org.springframework.expression.*;
import org.springframework.expression.spel.standard.*;
import dev.bulwark.suite.helpers.*;

@WebServlet(value = "/elinjection-02/BulwarkTest00280")
public class BulwarkTest00280 extends HttpServlet {
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
      String param = request.getReader().readLine();
      if (param == null) param = "";
      // vulnerable? the value comes straight from the client
      String bar = Step.apply(param);
      ExpressionParser parser = new SpelExpressionParser();
      Object value = parser.parseExpression("'" + bar + "'.length()").getValue();
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
      BaseFormatter formatter = new QuietFormatter();
      String bar = formatter.format(param);
      return bar;
    }
  }
}
