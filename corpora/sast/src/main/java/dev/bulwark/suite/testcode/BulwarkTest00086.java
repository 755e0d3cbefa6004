package dev.bulwark.suite.testcode;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.FileInputStream;
import java.io.IOException;
import java.util.Map;
import dev.bulwark.suite.helpers.Files2;
import dev.bulwark.suite.helpers.Thing;
import dev.bulwark.suite.helpers.ThingFactory;

@WebServlet(value = "/pathtraver-00/BulwarkTest00086")
public class BulwarkTest00086 extends HttpServlet {
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
      Map<String, String[]> parameters = request.getParameterMap();
      String param = "";
      if (!parameters.isEmpty()) {
        String[] values = parameters.get("BulwarkTest00086");
        if (values != null) param = values[0];
      }
      String bar = new Test().doSomething(request, param);
      try (FileInputStream in = new FileInputStream(Files2.ROOT + bar)) {
        response.getWriter().println(in.available());
      }
    } catch (Exception e) {
      if (e instanceof IOException io) {
        throw io;
      }
      throw new ServletException(e);
    }
  }

  private class Test {
    public String doSomething(HttpServletRequest request, String param) throws Exception {
      Thing thing = ThingFactory.create("fixed");
      String bar = thing.process(param);
      return bar;
    }
  }
}
