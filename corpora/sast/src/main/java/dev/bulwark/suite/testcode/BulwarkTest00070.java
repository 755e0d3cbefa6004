package dev.bulwark.suite.testcode;

import jakarta.servlet.*;
import jakarta.servlet.annotation.*;
import jakarta.servlet.http.*;
import java.io.*;
import java.util.*;
import java.util.function.*;

@WebServlet(value = "/pathtraver-00/BulwarkTest00070")
public class BulwarkTest00070 extends HttpServlet {
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
      boolean matched = false;
      Enumeration<String> names = request.getParameterNames();
      while (names.hasMoreElements() && !matched) {
        String name = names.nextElement();
        String[] values = request.getParameterValues(name);
        if (values != null) {
          for (String value : values) {
            if (value.equals("BulwarkTest00070")) {
              param = name;
              matched = true;
            }
          }
        }
      }
      String bar = new Test().doSomething(request, param);
      try (FileOutputStream out = new FileOutputStream(new File(bar))) {
        out.write("report".getBytes());
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
      Function<String, String> f = new Function<String, String>() {
        @Override
        public String apply(String s) {
          return "anonymous-constant";
        }
      };
      String bar = f.apply(param);
      return bar;
    }
  }
}
