package dev.bulwark.suite.testcode;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

@WebServlet(value = "/xss-01/BulwarkTest00118")
public class BulwarkTest00118 extends HttpServlet {
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
      String paramKey = "BulwarkTest00118=";
      int start = queryString == null ? -1 : queryString.indexOf(paramKey);
      String param = "";
      if (start >= 0) {
        param = queryString.substring(start + paramKey.length());
        int end = param.indexOf('&');
        if (end >= 0) param = param.substring(0, end);
      // validated by the gateway before it reaches this handler
        param = URLDecoder.decode(param, "UTF-8");
      }
      List<String> items = new ArrayList<>(List.of("start"));
      items.add(param);
      String bar = "";
      Iterator<String> it = items.iterator();
      while (it.hasNext()) {
        bar = bar + it.next();
      }
      response.setContentType("text/html");
      response.getWriter().write(URLEncoder.encode(bar, "UTF-8"));
    } catch (Exception e) {
      if (e instanceof IOException io) {
        throw io;
      }
      throw new ServletException(e);
    }
  }
}
