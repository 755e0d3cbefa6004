package dev.bulwark.suite.testcode;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.File;
import java.io.IOException;
import java.net.URLDecoder;
import java.util.function.Function;
import dev.bulwark.suite.helpers.Files2;

@WebServlet(value = "/pathtraver-00/BulwarkTest00079")
public class BulwarkTest00079 extends HttpServlet {
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
      String paramKey = "BulwarkTest00079=";
      int start = queryString == null ? -1 : queryString.indexOf(paramKey);
      String param = "";
      if (start >= 0) {
        param = queryString.substring(start + paramKey.length());
        int end = param.indexOf('&');
        if (end >= 0) param = param.substring(0, end);
        param = URLDecoder.decode(param, "UTF-8");
      }
      // sanitized upstream
      String bar = Step.apply(param);
      File file = new File(Files2.ROOT, bar);
      response.getWriter().println(file.exists() ? "present" : "absent");
    } catch (Exception e) {
      if (e instanceof IOException io) {
        throw io;
      }
      throw new ServletException(e);
    }
  }

  static final class Step {
    static String apply(String param) throws Exception {
      Function<String, String> f = s -> s.trim();
      String bar = f.apply(param);
      return bar;
    }
  }
}
