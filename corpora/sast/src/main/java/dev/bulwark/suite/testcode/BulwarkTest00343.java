package dev.bulwark.suite.testcode;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Enumeration;
import javax.crypto.Cipher;

@WebServlet(value = "/crypto-03/BulwarkTest00343")
public class BulwarkTest00343 extends HttpServlet {
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
      Enumeration<String> headers = request.getHeaders("BulwarkTest00343");
      if (headers != null && headers.hasMoreElements()) {
        param = headers.nextElement();
      }
      String alg = pick(true);
      Cipher c = Cipher.getInstance(alg);
      response.getWriter().println(c.getAlgorithm() + param.length());
    } catch (Exception e) {
      if (e instanceof IOException io) {
        throw io;
      }
      throw new ServletException(e);
    }
  }

  private static String pick(boolean legacy) {
    return legacy ? "AES/ECB/PKCS5Padding" : "AES/GCM/NoPadding";
  }
}
