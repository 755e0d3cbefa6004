package dev.bulwark.suite.testcode;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;

@WebServlet(value = "/xss-01/BulwarkTest00104")
public class BulwarkTest00104 extends HttpServlet {
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
      Enumeration<String> headers = request.getHeaders("BulwarkTest00104");
      if (headers != null && headers.hasMoreElements()) {
        param = headers.nextElement();
      }
      String bar = doSomething(request, param);
      response.getOutputStream().write(("<span>" + bar + "</span>").getBytes());
    } catch (Exception e) {
      if (e instanceof IOException io) {
        throw io;
      }
      throw new ServletException(e);
    }
  }

  private static String doSomething(HttpServletRequest request, String param) throws Exception {
    List<String> source = new ArrayList<>();
    source.add("safe");
    source.add(param);
    List<String> copy = new ArrayList<>(source);
    String bar = copy.get(0);
    return bar;
  }
}
