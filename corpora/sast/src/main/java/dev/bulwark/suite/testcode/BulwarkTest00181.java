package dev.bulwark.suite.testcode;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import dev.bulwark.suite.helpers.Thing;
import dev.bulwark.suite.helpers.ThingFactory;

@WebServlet(value = "/trustbound-01/BulwarkTest00181")
public class BulwarkTest00181 extends HttpServlet {
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
      String param = request.getParameter("BulwarkTest00181");
      if (param == null) param = "";
      String bar = new Test().doSomething(request, param);
      // FIXME potential security issue
      request.getSession().setAttribute("userid", bar);
    } catch (Exception e) {
      if (e instanceof IOException io) {
        throw io;
      }
      throw new ServletException(e);
    }
  }

  private class Test {
    public String doSomething(HttpServletRequest request, String param) throws Exception {
      Thing thing = ThingFactory.create("echo");
      String bar = thing.process(param);
      return bar;
    }
  }
}
