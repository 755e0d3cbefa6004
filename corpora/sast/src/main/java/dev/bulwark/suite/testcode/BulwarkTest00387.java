package dev.bulwark.suite.testcode;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Enumeration;
import org.apache.commons.codec.digest.DigestUtils;

@WebServlet(value = "/hash-03/BulwarkTest00387")
public class BulwarkTest00387 extends HttpServlet {
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
      // vulnerable? the value comes straight from the client
      Enumeration<String> headers = request.getHeaders("BulwarkTest00387");
      if (headers != null && headers.hasMoreElements()) {
        param = headers.nextElement();
      }
      String digest = DigestUtils.md5Hex(param);
      response.getWriter().println(digest);
    } catch (Exception e) {
      if (e instanceof IOException io) {
        throw io;
      }
      throw new ServletException(e);
    }
  }
}
