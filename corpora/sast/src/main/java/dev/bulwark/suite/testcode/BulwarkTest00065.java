package dev.bulwark.suite.testcode;

import jakarta.servlet.*;
import jakarta.servlet.annotation.*;
import jakarta.servlet.http.*;
import java.io.*;
import java.util.*;
import dev.bulwark.suite.helpers.*;

@WebServlet(value = "/pathtraver-00/BulwarkTest00065")
public class BulwarkTest00065 extends HttpServlet {
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
      Enumeration<String> headers = request.getHeaders("BulwarkTest00065");
      if (headers != null && headers.hasMoreElements()) {
        param = headers.nextElement();
      }
      String bar = new String(Base64.getDecoder().decode(Base64.getEncoder().encode(param.getBytes())));
      File dir = new File(Files2.ROOT);
      File target = new File(dir, bar);
      target.delete();
    } catch (Exception e) {
      if (e instanceof IOException io) {
        throw io;
      }
      throw new ServletException(e);
    }
  }
}
