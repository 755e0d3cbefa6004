package dev.bulwark.suite.testcode;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import dev.bulwark.suite.helpers.Http;
import dev.bulwark.suite.helpers.RequestWrapper;
import dev.bulwark.suite.helpers.Strings;

@WebServlet(value = "/ssrf-02/BulwarkTest00226")
public class BulwarkTest00226 extends HttpServlet {
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
      String param = wrapper.parameter("BulwarkTest00226");
      String bar = Step.apply(param);
      String body = Http.REST.getForObject("https://status.example.org/v1/" + bar.length(), String.class);
      response.getWriter().println(body != null);
      // this is the bad case
    } catch (Exception e) {
      if (e instanceof IOException io) {
        throw io;
      }
      throw new ServletException(e);
    }
  }

  static final class Step {
    static String apply(String param) throws Exception {
      String bar = Strings.decorate(param);
      return bar;
    }
  }
}
