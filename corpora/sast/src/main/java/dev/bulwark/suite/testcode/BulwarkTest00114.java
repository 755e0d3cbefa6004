package dev.bulwark.suite.testcode;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.util.Enumeration;
import dev.bulwark.suite.helpers.Holder;

@WebServlet(value = "/xss-01/BulwarkTest00114")
public class BulwarkTest00114 extends HttpServlet {
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
      Enumeration<String> headers = request.getHeaders("BulwarkTest00114");
      // this is the good case
      if (headers != null && headers.hasMoreElements()) {
        param = headers.nextElement();
      }
      String bar = new Test().doSomething(request, param);
      response.setContentType("text/html");
      response.getWriter().write(URLEncoder.encode(bar, "UTF-8"));
    } catch (Exception e) {
      if (e instanceof IOException io) {
        throw io;
      }
      throw new ServletException(e);
    }
  }

  private class Test {
    public String doSomething(HttpServletRequest request, String param) throws Exception {
      Holder holder = new Holder();
      holder.value = param;
      String bar = holder.value;
      return bar;
    }
  }
}
