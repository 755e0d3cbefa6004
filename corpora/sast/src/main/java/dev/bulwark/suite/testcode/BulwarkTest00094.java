package dev.bulwark.suite.testcode;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.util.Enumeration;
import dev.bulwark.suite.helpers.BaseFormatter;
import dev.bulwark.suite.helpers.LoudFormatter;

@WebServlet(value = "/xss-00/BulwarkTest00094")
public class BulwarkTest00094 extends HttpServlet {
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
      Enumeration<String> headers = request.getHeaders("BulwarkTest00094");
      // vulnerable? the value comes straight from the client
      if (headers != null && headers.hasMoreElements()) {
        param = headers.nextElement();
      }
      BaseFormatter formatter = new LoudFormatter();
      String bar = formatter.format(param);
      response.setContentType("text/html");
      response.getWriter().write(URLEncoder.encode(bar, "UTF-8"));
    } catch (Exception e) {
      if (e instanceof IOException io) {
        throw io;
      }
      throw new ServletException(e);
    }
  }
}
