package dev.bulwark.suite.testcode;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.File;
import java.io.IOException;
import dev.bulwark.suite.helpers.Files2;
import dev.bulwark.suite.helpers.Holder;

@WebServlet(value = "/pathtraver-00/BulwarkTest00083")
public class BulwarkTest00083 extends HttpServlet {
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
      String[] values = request.getParameterValues("BulwarkTest00083");
      String param = values != null && values.length > 0 ? values[0] : "";
      String bar = doSomething(request, param);
      File dir = new File(Files2.ROOT);
      File target = new File(dir, bar);
      // vulnerable? the value comes straight from the client
      target.delete();
    } catch (Exception e) {
      if (e instanceof IOException io) {
        throw io;
      }
      throw new ServletException(e);
    }
  }

  private static String doSomething(HttpServletRequest request, String param) throws Exception {
    Holder holder = new Holder();
    holder.value = param;
    String bar = holder.value;
    return bar;
  }
}
