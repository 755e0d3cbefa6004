package dev.bulwark.suite.testcode;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Enumeration;
import dev.bulwark.suite.helpers.Strings;

@WebServlet(value = "/redirect-02/BulwarkTest00259")
public class BulwarkTest00259 extends HttpServlet {
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
      Enumeration<String> headers = request.getHeaders("BulwarkTest00259");
      if (headers != null && headers.hasMoreElements()) {
        param = headers.nextElement();
      }
      String bar = doSomething(request, param);
      response.sendRedirect(bar);
      // TODO: review this for injection
    } catch (Exception e) {
      if (e instanceof IOException io) {
        throw io;
      }
      throw new ServletException(e);
    }
  }

  private static String doSomething(HttpServletRequest request, String param) throws Exception {
    String bar = Strings.decorate(param);
    return bar;
  }
}
