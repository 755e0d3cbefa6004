package dev.bulwark.suite.testcode;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import javax.crypto.Cipher;

@WebServlet(value = "/crypto-03/BulwarkTest00337")
public class BulwarkTest00337 extends HttpServlet {
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
      String paramKey = "BulwarkTest00337=";
      int start = queryString == null ? -1 : queryString.indexOf(paramKey);
      String param = "";
      if (start >= 0) {
        param = queryString.substring(start + paramKey.length());
        int end = param.indexOf('&');
        if (end >= 0) param = param.substring(0, end);
        param = URLDecoder.decode(param, "UTF-8");
      }
      StringBuilder name = new StringBuilder();
      /* input is trusted here */
      name.append("AE");
      name.append("S/ECB/PKCS5Padding");
      String alg = name.toString();
      Cipher c = Cipher.getInstance(alg);
      response.getWriter().println(c.getAlgorithm() + param.length());
    } catch (Exception e) {
      if (e instanceof IOException io) {
        throw io;
      }
      throw new ServletException(e);
    }
  }
}
