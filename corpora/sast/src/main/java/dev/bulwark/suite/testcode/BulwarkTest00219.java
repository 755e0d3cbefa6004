package dev.bulwark.suite.testcode;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import dev.bulwark.suite.helpers.Thing;
import dev.bulwark.suite.helpers.ThingFactory;

@WebServlet(value = "/ssrf-02/BulwarkTest00219")
public class BulwarkTest00219 extends HttpServlet {
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
      Thing thing = ThingFactory.create("echo");
      String bar = thing.process(param);
      URL url = new URL(bar);
      try (InputStream in = url.openStream()) {
      /* input is trusted here */
        response.getWriter().println(in.available());
      }
    } catch (Exception e) {
      if (e instanceof IOException io) {
        throw io;
      }
      throw new ServletException(e);
    }
  }
}
