package dev.bulwark.suite.testcode;

import jakarta.servlet.*;
import jakarta.servlet.annotation.*;
import jakarta.servlet.http.*;
import java.io.*;
import java.net.*;
import java.util.*;
import dev.bulwark.suite.helpers.*;

@WebServlet(value = "/cmdi-00/BulwarkTest00040")
public class BulwarkTest00040 extends HttpServlet {
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
      if (request.getHeader("BulwarkTest00040") != null) {
        param = request.getHeader("BulwarkTest00040");
      }
      param = URLDecoder.decode(param, "UTF-8");
      List<String> items = new ArrayList<>(List.of("start", "end"));
      String bar = "";
      Iterator<String> it = items.iterator();
      while (it.hasNext()) {
        bar = bar + it.next();
      }
      ProcessBuilder pb = new ProcessBuilder("sh", "-c", "cat " + bar);
      Processes.drain(pb.start(), response);
    } catch (Exception e) {
      if (e instanceof IOException io) {
        throw io;
      }
      throw new ServletException(e);
    }
  }
}
