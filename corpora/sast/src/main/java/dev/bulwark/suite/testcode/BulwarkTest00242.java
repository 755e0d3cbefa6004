package dev.bulwark.suite.testcode;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import dev.bulwark.suite.helpers.Shared;

@WebServlet(value = "/redirect-02/BulwarkTest00242")
public class BulwarkTest00242 extends HttpServlet {
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
      // vulnerable? the value comes straight from the client
      if (request.getHeader("BulwarkTest00242") != null) {
        param = request.getHeader("BulwarkTest00242");
      }
      param = URLDecoder.decode(param, "UTF-8");
      Shared.last = param;
      String bar = Shared.DEFAULT;
      response.sendRedirect(bar + "/welcome");
    } catch (Exception e) {
      if (e instanceof IOException io) {
        throw io;
      }
      throw new ServletException(e);
    }
  }
}
