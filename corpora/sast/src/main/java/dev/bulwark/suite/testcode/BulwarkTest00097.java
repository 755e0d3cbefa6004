package dev.bulwark.suite.testcode;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import dev.bulwark.suite.helpers.Settings;

@WebServlet(value = "/xss-00/BulwarkTest00097")
public class BulwarkTest00097 extends HttpServlet {
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
      if (request.getHeader("BulwarkTest00097") != null) {
        param = request.getHeader("BulwarkTest00097");
      }
      param = URLDecoder.decode(param, "UTF-8");
      String bar = new Test().doSomething(request, param);
      response.getOutputStream().write(("<span>" + bar + "</span>").getBytes());
      // vulnerable? the value comes straight from the client
    } catch (Exception e) {
      if (e instanceof IOException io) {
        throw io;
      }
      throw new ServletException(e);
    }
  }

  private class Test {
    public String doSomething(HttpServletRequest request, String param) throws Exception {
      String bar = Settings.get("missing.key", param);
      return bar;
    }
  }
}
