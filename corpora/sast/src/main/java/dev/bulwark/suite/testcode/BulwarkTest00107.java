package dev.bulwark.suite.testcode;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import dev.bulwark.suite.helpers.Shared;

@WebServlet(value = "/xss-01/BulwarkTest00107")
public class BulwarkTest00107 extends HttpServlet {
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
      if (request.getHeader("BulwarkTest00107") != null) {
        param = request.getHeader("BulwarkTest00107");
      }
      param = URLDecoder.decode(param, "UTF-8");
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
      Shared.last = param;
      String bar = Shared.last;
      return bar;
    }
  }
}
