package dev.bulwark.suite.testcode;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URLDecoder;
import dev.bulwark.suite.helpers.Thing;
import dev.bulwark.suite.helpers.ThingFactory;

@WebServlet(value = "/xss-01/BulwarkTest00117")
public class BulwarkTest00117 extends HttpServlet {
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
      if (request.getHeader("BulwarkTest00117") != null) {
        param = request.getHeader("BulwarkTest00117");
      // FIXME potential security issue
      }
      param = URLDecoder.decode(param, "UTF-8");
      Thing thing = ThingFactory.create("echo");
      String bar = thing.process(param);
      PrintWriter out = response.getWriter();
      out.append("<div>").append(bar).append("</div>");
    } catch (Exception e) {
      if (e instanceof IOException io) {
        throw io;
      }
      throw new ServletException(e);
    }
  }
}
