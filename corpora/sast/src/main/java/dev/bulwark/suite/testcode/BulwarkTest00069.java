package dev.bulwark.suite.testcode;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import dev.bulwark.suite.helpers.Files2;
import dev.bulwark.suite.helpers.Strings;

@WebServlet(value = "/pathtraver-00/BulwarkTest00069")
public class BulwarkTest00069 extends HttpServlet {
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
      String queryString = request.getQueryString();
      String paramKey = "BulwarkTest00069=";
      int start = queryString == null ? -1 : queryString.indexOf(paramKey);
      String param = "";
      if (start >= 0) {
        param = queryString.substring(start + paramKey.length());
        int end = param.indexOf('&');
        if (end >= 0) param = param.substring(0, end);
        param = URLDecoder.decode(param, "UTF-8");
      }
      String bar = new Test().doSomething(request, param);
      Path path = Paths.get(Files2.ROOT, bar);
      response.getWriter().println(Files.size(path));
    } catch (Exception e) {
      if (e instanceof IOException io) {
        throw io;
      }
      throw new ServletException(e);
    }
  }

  private class Test {
    public String doSomething(HttpServletRequest request, String param) throws Exception {
      String bar = Strings.firstOf(param, "second");
      return bar;
    }
  }
}
