package dev.bulwark.suite.testcode;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.net.URLDecoder;
import java.util.Base64;
import dev.bulwark.suite.helpers.BaseFormatter;
import dev.bulwark.suite.helpers.LoudFormatter;

@WebServlet(value = "/deserialization-03/BulwarkTest00313")
public class BulwarkTest00313 extends HttpServlet {
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
      // this is the good case
      String param = "";
      if (request.getHeader("BulwarkTest00313") != null) {
        param = request.getHeader("BulwarkTest00313");
      }
      param = URLDecoder.decode(param, "UTF-8");
      String bar = doSomething(request, param);
      byte[] data = Base64.getDecoder().decode(bar);
      try (ObjectInputStream ois = new ObjectInputStream(new ByteArrayInputStream(data))) {
        response.getWriter().println(ois.readObject() != null);
      }
    } catch (Exception e) {
      if (e instanceof IOException io) {
        throw io;
      }
      throw new ServletException(e);
    }
  }

  private static String doSomething(HttpServletRequest request, String param) throws Exception {
    BaseFormatter formatter = new LoudFormatter();
    String bar = formatter.format(param);
    return bar;
  }
}
