package dev.bulwark.suite.testcode;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import dev.bulwark.suite.helpers.BaseFormatter;
import dev.bulwark.suite.helpers.LoudFormatter;

@WebServlet(value = "/trustbound-01/BulwarkTest00183")
public class BulwarkTest00183 extends HttpServlet {
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
      String[] values = request.getParameterValues("BulwarkTest00183");
      String param = values != null && values.length > 0 ? values[0] : "";
      String bar = Step.apply(param);
      HttpSession session = request.getSession();
      session.setAttribute(bar, "10340");
    } catch (Exception e) {
      if (e instanceof IOException io) {
        throw io;
      }
      throw new ServletException(e);
    }
  }

  static final class Step {
    static String apply(String param) throws Exception {
      BaseFormatter formatter = new LoudFormatter();
      String bar = formatter.format(param);
      return bar;
    }
  }
}
