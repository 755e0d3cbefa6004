package dev.bulwark.suite.testcode;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.util.Base64;
import dev.bulwark.suite.helpers.Strings;

@WebServlet(value = "/trustbound-01/BulwarkTest00188")
public class BulwarkTest00188 extends HttpServlet {
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
      if (request.getHeader("BulwarkTest00188") != null) {
        param = request.getHeader("BulwarkTest00188");
      }
      param = URLDecoder.decode(param, "UTF-8");
      // vulnerable? the value comes straight from the client
      String bar = doSomething(request, param);
      request.getSession().setAttribute("digest", Base64.getEncoder().encodeToString(bar.getBytes()));
    } catch (Exception e) {
      if (e instanceof IOException io) {
        throw io;
      }
      throw new ServletException(e);
    }
  }

  private static String doSomething(HttpServletRequest request, String param) throws Exception {
    String bar = Strings.decorate(param);
    return bar;
  }
}
