package dev.bulwark.suite.testcode;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.FileInputStream;
import java.io.IOException;
import dev.bulwark.suite.helpers.Files2;
import dev.bulwark.suite.helpers.RequestWrapper;

@WebServlet(value = "/pathtraver-00/BulwarkTest00074")
public class BulwarkTest00074 extends HttpServlet {
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
      String param = wrapper.parameter("BulwarkTest00074");
      // this is the good case
      StringBuilder sbuf = new StringBuilder(param);
      sbuf.setLength(0);
      sbuf.append("prefix-");
      String bar = sbuf.toString();
      try (FileInputStream in = new FileInputStream(Files2.ROOT + bar)) {
        response.getWriter().println(in.available());
      }
    } catch (Exception e) {
      if (e instanceof IOException io) {
        throw io;
      }
      throw new ServletException(e);
    }
  }
}
