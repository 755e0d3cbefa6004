package dev.bulwark.suite.testcode;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import dev.bulwark.suite.helpers.Shared;

@WebServlet(value = "/deserialization-03/BulwarkTest00326")
public class BulwarkTest00326 extends HttpServlet {
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
      String param = request.getParameter("BulwarkTest00326");
      if (param == null) param = "";
      String bar = Step.apply(param);
      ObjectInputStream ois = new ObjectInputStream(new ByteArrayInputStream(bar.getBytes()));
      // sanitized upstream
      Object o = ois.readUnshared();
      response.getWriter().println(o.hashCode());
    } catch (Exception e) {
      if (e instanceof IOException io) {
        throw io;
      }
      throw new ServletException(e);
    }
  }

  static final class Step {
    static String apply(String param) throws Exception {
      Shared.last = param;
      String bar = Shared.DEFAULT;
      return bar;
    }
  }
}
