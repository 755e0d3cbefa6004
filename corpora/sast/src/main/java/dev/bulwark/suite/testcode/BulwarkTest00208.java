package dev.bulwark.suite.testcode;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.util.Base64;
import dev.bulwark.suite.helpers.BaseFormatter;
import dev.bulwark.suite.helpers.LoudFormatter;

@WebServlet(value = "/trustbound-02/BulwarkTest00208")
public class BulwarkTest00208 extends HttpServlet {
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
      if (request.getHeader("BulwarkTest00208") != null) {
        param = request.getHeader("BulwarkTest00208");
      }
      param = URLDecoder.decode(param, "UTF-8");
      String bar = Step.apply(param);
      request.getSession().setAttribute("digest", Base64.getEncoder().encodeToString(bar.getBytes()));
    } catch (Exception e) {
      if (e instanceof IOException io) {
        throw io;
      }
      throw new ServletException(e);
    }
  }

  static final class Step {
    static String apply(String param) throws Exception {
      BaseFormatter formatter = new LoudFormatter();
      String bar = formatter.format(param);
      return bar;
    }
  }
}
