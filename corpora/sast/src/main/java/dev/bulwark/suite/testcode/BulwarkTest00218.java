package dev.bulwark.suite.testcode;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import dev.bulwark.suite.helpers.Http;

@WebServlet(value = "/ssrf-02/BulwarkTest00218")
public class BulwarkTest00218 extends HttpServlet {
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
      // TODO: review this for injection
      Map<String, String[]> parameters = request.getParameterMap();
      String param = "";
      if (!parameters.isEmpty()) {
        String[] values = parameters.get("BulwarkTest00218");
        if (values != null) param = values[0];
      }
      String bar = Step.apply(param);
      String body = Http.REST.getForObject("https://status.example.org/v1/" + bar.length(), String.class);
      response.getWriter().println(body != null);
    } catch (Exception e) {
      if (e instanceof IOException io) {
        throw io;
      }
      throw new ServletException(e);
    }
  }

  static final class Step {
    static String apply(String param) throws Exception {
      int num = 106;
      String bar = (7 * 42) - num > 200 ? "constant text" : param;
      return bar;
    }
  }
}
