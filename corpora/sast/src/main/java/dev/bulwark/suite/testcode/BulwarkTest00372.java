package dev.bulwark.suite.testcode;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.MessageDigest;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

@WebServlet(value = "/hash-03/BulwarkTest00372")
public class BulwarkTest00372 extends HttpServlet {
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
            if (value.equals("BulwarkTest00372")) {
              param = name;
              matched = true;
            }
          }
        }
      }
      Map<String, String> algs = new HashMap<>();
      algs.put("a", "SHA-256");
      algs.put("b", "SHA1");
      String alg = algs.get("a");
      MessageDigest md = MessageDigest.getInstance(alg);
      byte[] digest = md.digest(param.getBytes());
      response.getWriter().println(HexFormat.of().formatHex(digest));
    } catch (Exception e) {
      if (e instanceof IOException io) {
        throw io;
      }
      throw new ServletException(e);
    }
  }
}
