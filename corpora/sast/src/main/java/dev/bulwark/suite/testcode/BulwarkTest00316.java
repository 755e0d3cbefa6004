package dev.bulwark.suite.testcode;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.util.Base64;
import dev.bulwark.suite.helpers.Settings;

@WebServlet(value = "/deserialization-03/BulwarkTest00316")
public class BulwarkTest00316 extends HttpServlet {
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
      String param = request.getParameter("BulwarkTest00316");
      if (param == null) param = "";
      String bar = new Test().doSomething(request, param);
      byte[] data = Base64.getDecoder().decode(bar);
      try (ObjectInputStream ois = new ObjectInputStream(new ByteArrayInputStream(data))) {
        ois.setObjectInputFilter(ObjectInputFilter.Config.createFilter("java.lang.String;!*"));
        response.getWriter().println(ois.readObject() != null);
      }
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
