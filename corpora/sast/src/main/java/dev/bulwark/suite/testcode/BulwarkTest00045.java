package dev.bulwark.suite.testcode;

import jakarta.servlet.*;
import jakarta.servlet.annotation.*;
import jakarta.servlet.http.*;
import java.io.*;
import dev.bulwark.suite.helpers.*;

@WebServlet(value = "/cmdi-00/BulwarkTest00045")
public class BulwarkTest00045 extends HttpServlet {
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
      String[] values = request.getParameterValues("BulwarkTest00045");
      String param = values != null && values.length > 0 ? values[0] : "";
      String bar = Step.apply(param);
      ProcessBuilder pb = new ProcessBuilder("sh", "-c", "cat " + bar);
      Processes.drain(pb.start(), response);
    } catch (Exception e) {
      if (e instanceof IOException io) {
        throw io;
      }
      throw new ServletException(e);
    }
  }

  static final class Step {
    static String apply(String param) throws Exception {
      String bar = String.format("%s_tail", param);
      return bar;
    }
  }
}
