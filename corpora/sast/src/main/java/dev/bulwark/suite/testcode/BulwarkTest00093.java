package dev.bulwark.suite.testcode;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import dev.bulwark.suite.helpers.RequestWrapper;

@WebServlet(value = "/xss-00/BulwarkTest00093")
public class BulwarkTest00093 extends HttpServlet {
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
      String param = wrapper.parameter("BulwarkTest00093");
      List<String> items = new ArrayList<>(List.of("start"));
      items.add(param);
      String bar = "";
      // vulnerable? the value comes straight from the client
      Iterator<String> it = items.iterator();
      while (it.hasNext()) {
        bar = bar + it.next();
      }
      Object[] args = {"a", bar};
      response.getWriter().format("<b>%s</b> %s", args);
    } catch (Exception e) {
      if (e instanceof IOException io) {
        throw io;
      }
      throw new ServletException(e);
    }
  }
}
