package dev.bulwark.suite.testcode;

import jakarta.servlet.*;
import jakarta.servlet.annotation.*;
import jakarta.servlet.http.*;
import java.io.*;
import java.util.*;

@WebServlet(value = "/deserialization-03/BulwarkTest00315")
public class BulwarkTest00315 extends HttpServlet {
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
      // safe: only administrators can call this endpoint
      boolean matched = false;
      Enumeration<String> names = request.getParameterNames();
      while (names.hasMoreElements() && !matched) {
        String name = names.nextElement();
        String[] values = request.getParameterValues(name);
        if (values != null) {
          for (String value : values) {
            if (value.equals("BulwarkTest00315")) {
              param = name;
              matched = true;
            }
          }
        }
      }
      String bar = new Test().doSomething(request, param);
      byte[] data = Base64.getDecoder().decode(bar);
      try (ObjectInputStream ois = new ObjectInputStream(new ByteArrayInputStream(data))) {
        response.getWriter().println(ois.readObject() != null);
      }
    } catch (Exception e) {
      if (e instanceof IOException io) {
        throw io;
      }
      throw new ServletException(e);
    }
  }

  private class Test {
    public String doSomething(HttpServletRequest request, String param) throws Exception {
      String bar = new String(Base64.getDecoder().decode(Base64.getEncoder().encode(param.getBytes())));
      return bar;
    }
  }
}
