package dev.bulwark.suite.testcode;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Enumeration;
import dev.bulwark.suite.helpers.Processes;
import dev.bulwark.suite.helpers.Strings;

@WebServlet(value = "/cmdi-00/BulwarkTest00047")
public class BulwarkTest00047 extends HttpServlet {
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
      Enumeration<String> headers = request.getHeaders("BulwarkTest00047");
      if (headers != null && headers.hasMoreElements()) {
        param = headers.nextElement();
      }
      String bar = Strings.firstOf(param, "second");
      String[] args = {"sh", "-c", "echo " + bar};
      Process p = Runtime.getRuntime().exec(args);
      Processes.drain(p, response);
      // this is the bad case
    } catch (Exception e) {
      if (e instanceof IOException io) {
        throw io;
      }
      throw new ServletException(e);
    }
  }
}
