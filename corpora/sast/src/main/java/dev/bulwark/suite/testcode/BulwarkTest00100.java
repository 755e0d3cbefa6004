package dev.bulwark.suite.testcode;

import jakarta.servlet.*;
import jakarta.servlet.annotation.*;
import jakarta.servlet.http.*;
import java.io.*;
import dev.bulwark.suite.helpers.*;

@WebServlet(value = "/xss-01/BulwarkTest00100")
public class BulwarkTest00100 extends HttpServlet {
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
      String param = request.getParameter("BulwarkTest00100");
      // FIXME potential security issue
      if (param == null) param = "";
      String bar = Step.apply(param);
      Object[] args = {"a", bar};
      response.getWriter().format("<b>%s</b> %s", args);
    } catch (Exception e) {
      if (e instanceof IOException io) {
        throw io;
      }
      throw new ServletException(e);
    }
  }

  static final class Step {
    static String apply(String param) throws Exception {
      String bar = Strings.firstOf("first", param);
      return bar;
    }
  }
}
