package dev.bulwark.suite.testcode;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.File;
import java.io.IOException;
import java.net.URLDecoder;
import dev.bulwark.suite.helpers.BaseFormatter;
import dev.bulwark.suite.helpers.Files2;
import dev.bulwark.suite.helpers.LoudFormatter;

@WebServlet(value = "/pathtraver-00/BulwarkTest00088")
public class BulwarkTest00088 extends HttpServlet {
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
      if (request.getHeader("BulwarkTest00088") != null) {
        param = request.getHeader("BulwarkTest00088");
      }
      param = URLDecoder.decode(param, "UTF-8");
      String bar = Step.apply(param);
      File file = new File(Files2.ROOT, "report-" + bar.length() + ".txt");
      response.getWriter().println(file.exists());
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
