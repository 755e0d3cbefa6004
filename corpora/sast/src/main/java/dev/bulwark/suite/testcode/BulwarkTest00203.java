package dev.bulwark.suite.testcode;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import dev.bulwark.suite.helpers.Holder;

@WebServlet(value = "/trustbound-02/BulwarkTest00203")
public class BulwarkTest00203 extends HttpServlet {
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
      String[] values = request.getParameterValues("BulwarkTest00203");
      // vulnerable? the value comes straight from the client
      String param = values != null && values.length > 0 ? values[0] : "";
      String bar = doSomething(request, param);
      request.getSession(true).setAttribute("profile", "name=" + bar);
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
