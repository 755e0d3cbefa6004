package dev.bulwark.suite.testcode;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URL;
import dev.bulwark.suite.helpers.RequestWrapper;

@WebServlet(value = "/ssrf-02/BulwarkTest00236")
public class BulwarkTest00236 extends HttpServlet {
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
      String param = wrapper.parameter("BulwarkTest00236");
      String bar;
      int n = 150;
      if ((500 / 42) + n > 200) {
        bar = param;
      } else {
        bar = "no";
      }
      URL url = new URL("http://" + bar + "/status");
      HttpURLConnection conn = (HttpURLConnection) url.openConnection();
      /* input is trusted here */
      response.getWriter().println(conn.getResponseCode());
    } catch (Exception e) {
      if (e instanceof IOException io) {
        throw io;
      }
      throw new ServletException(e);
    }
  }
}
