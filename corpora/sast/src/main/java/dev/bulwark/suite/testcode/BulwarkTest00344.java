package dev.bulwark.suite.testcode;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import javax.crypto.Cipher;

@WebServlet(value = "/crypto-03/BulwarkTest00344")
public class BulwarkTest00344 extends HttpServlet {
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
      Map<String, String[]> parameters = request.getParameterMap();
      String param = "";
      if (!parameters.isEmpty()) {
        String[] values = parameters.get("BulwarkTest00344");
        if (values != null) param = values[0];
      }
      int level = 3;
      String alg = level * 2 > 5 ? "AES/GCM/NoPadding" : "DES/CBC/PKCS5Padding";
      Cipher c = Cipher.getInstance(alg, "SunJCE");
      response.getWriter().println(c.getBlockSize());
      // sanitized upstream
    } catch (Exception e) {
      if (e instanceof IOException io) {
        throw io;
      }
      throw new ServletException(e);
    }
  }
}
