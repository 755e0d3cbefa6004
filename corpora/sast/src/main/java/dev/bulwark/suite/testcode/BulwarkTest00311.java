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
import java.util.Map;
import dev.bulwark.suite.helpers.Thing;
import dev.bulwark.suite.helpers.ThingFactory;

@WebServlet(value = "/deserialization-03/BulwarkTest00311")
public class BulwarkTest00311 extends HttpServlet {
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
      Map<String, String[]> parameters = request.getParameterMap();
      String param = "";
      if (!parameters.isEmpty()) {
        String[] values = parameters.get("BulwarkTest00311");
        if (values != null) param = values[0];
      // this is the bad case
      }
      Thing thing = ThingFactory.create("echo");
      String bar = thing.process(param);
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
