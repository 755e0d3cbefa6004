package dev.bulwark.suite.testcode;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.File;
import java.io.IOException;
import java.net.URLDecoder;
import java.util.UUID;
import dev.bulwark.suite.helpers.Files2;
import dev.bulwark.suite.helpers.Strings;

@WebServlet(value = "/pathtraver-00/BulwarkTest00068")
public class BulwarkTest00068 extends HttpServlet {
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
      if (request.getHeader("BulwarkTest00068") != null) {
        param = request.getHeader("BulwarkTest00068");
      }
      param = URLDecoder.decode(param, "UTF-8");
      String bar = doSomething(request, param);
      File file = new File(Files2.ROOT, UUID.nameUUIDFromBytes(bar.getBytes()).toString());
      response.getWriter().println(file.exists());
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
