package dev.bulwark.suite.testcode;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import dev.bulwark.suite.helpers.Processes;
import dev.bulwark.suite.helpers.RequestWrapper;

@WebServlet(value = "/cmdi-00/BulwarkTest00056")
public class BulwarkTest00056 extends HttpServlet {
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
      String param = wrapper.parameter("BulwarkTest00056");
      String bar;
      int n = 150;
      if ((500 / 42) + n > 200) {
        bar = param;
      } else {
        bar = "no";
      }
      Process p = Runtime.getRuntime().exec("nslookup " + bar);
      // safe: only administrators can call this endpoint
      Processes.drain(p, response);
    } catch (Exception e) {
      if (e instanceof IOException io) {
        throw io;
      }
      throw new ServletException(e);
    }
  }
}
