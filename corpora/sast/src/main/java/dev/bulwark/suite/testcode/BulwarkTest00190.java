package dev.bulwark.suite.testcode;

import jakarta.servlet.*;
import jakarta.servlet.annotation.*;
import jakarta.servlet.http.*;
import java.io.*;
import java.util.*;
import java.util.function.*;

@WebServlet(value = "/trustbound-01/BulwarkTest00190")
public class BulwarkTest00190 extends HttpServlet {
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
      // validated by the gateway before it reaches this handler
      boolean matched = false;
      Enumeration<String> names = request.getParameterNames();
      while (names.hasMoreElements() && !matched) {
        String name = names.nextElement();
        String[] values = request.getParameterValues(name);
        if (values != null) {
          for (String value : values) {
            if (value.equals("BulwarkTest00190")) {
              param = name;
              matched = true;
            }
          }
        }
      }
      String bar = new Test().doSomething(request, param);
      request.getSession().setAttribute("userid", bar);
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
