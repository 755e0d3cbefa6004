package dev.bulwark.suite.testcode;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

@WebServlet(value = "/redirect-02/BulwarkTest00247")
public class BulwarkTest00247 extends HttpServlet {
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
      /* input is trusted here */
      String[] values = request.getParameterValues("BulwarkTest00247");
      String param = values != null && values.length > 0 ? values[0] : "";
      String bar = Step.apply(param);
      response.sendRedirect(bar);
    } catch (Exception e) {
      if (e instanceof IOException io) {
        throw io;
      }
      throw new ServletException(e);
    }
  }

  static final class Step {
    static String apply(String param) throws Exception {
      String bar = param;
      return bar;
    }
  }
}
