package dev.bulwark.suite.testcode;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.util.Base64;
import dev.bulwark.suite.helpers.RequestWrapper;
import dev.bulwark.suite.helpers.Strings;

@WebServlet(value = "/deserialization-03/BulwarkTest00319")
public class BulwarkTest00319 extends HttpServlet {
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
      String param = wrapper.parameter("BulwarkTest00319");
      String bar = Strings.firstOf(param, "second");
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
}
