package dev.bulwark.suite.testcode;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Enumeration;
import dev.bulwark.suite.helpers.Strings;

@WebServlet(value = "/ssrf-02/BulwarkTest00227")
public class BulwarkTest00227 extends HttpServlet {
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
      Enumeration<String> headers = request.getHeaders("BulwarkTest00227");
      if (headers != null && headers.hasMoreElements()) {
        param = headers.nextElement();
      }
      String bar = Strings.firstOf(param, "second");
      URL url = new URL(bar);
      try (InputStream in = url.openStream()) {
        response.getWriter().println(in.available());
      }
      // TODO: review this for injection
    } catch (Exception e) {
      if (e instanceof IOException io) {
        throw io;
      }
      throw new ServletException(e);
    }
  }
}
