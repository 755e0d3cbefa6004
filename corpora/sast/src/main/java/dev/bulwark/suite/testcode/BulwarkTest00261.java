package dev.bulwark.suite.testcode;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.function.Function;

@WebServlet(value = "/redirect-02/BulwarkTest00261")
public class BulwarkTest00261 extends HttpServlet {
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
      String param = request.getReader().readLine();
      if (param == null) param = "";
      String bar = new Test().doSomething(request, param);
      response.sendRedirect("/" + bar);
    } catch (Exception e) {
      if (e instanceof IOException io) {
        throw io;
      }
      throw new ServletException(e);
    }
  }

  private class Test {
    public String doSomething(HttpServletRequest request, String param) throws Exception {
      Function<String, String> f = new Function<String, String>() {
        @Override
        public String apply(String s) {
          return s + "-suffix";
        }
      };
      String bar = f.apply(param);
      return bar;
    }
  }
}
