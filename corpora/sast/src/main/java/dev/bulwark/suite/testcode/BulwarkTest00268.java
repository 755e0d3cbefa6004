package dev.bulwark.suite.testcode;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import dev.bulwark.suite.helpers.Redirects;
import dev.bulwark.suite.helpers.RequestWrapper;

@WebServlet(value = "/redirect-02/BulwarkTest00268")
public class BulwarkTest00268 extends HttpServlet {
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
      RequestWrapper wrapper = new RequestWrapper(request);
      String param = wrapper.parameter("BulwarkTest00268");
      String bar = doSomething(request, param);
      response.sendRedirect(Redirects.TARGETS.getOrDefault("home", "/"));
    } catch (Exception e) {
      if (e instanceof IOException io) {
        throw io;
      }
      throw new ServletException(e);
    }
  }

  private static String doSomething(HttpServletRequest request, String param) throws Exception {
    String bar = param.split(" ")[0];
    return bar;
  }
}
