package dev.bulwark.suite.testcode;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import dev.bulwark.suite.helpers.Processes;

@WebServlet(value = "/cmdi-00/BulwarkTest00059")
public class BulwarkTest00059 extends HttpServlet {
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
      List<String> command = new ArrayList<>();
      command.add("sh");
      command.add("-c");
      command.add("ls " + bar);
      ProcessBuilder pb = new ProcessBuilder();
      pb.command(command);
      Processes.drain(pb.start(), response);
    } catch (Exception e) {
      if (e instanceof IOException io) {
        throw io;
      }
      throw new ServletException(e);
    }
  }

  private class Test {
    public String doSomething(HttpServletRequest request, String param) throws Exception {
      String bar = param;
      return bar;
    }
  }
}
