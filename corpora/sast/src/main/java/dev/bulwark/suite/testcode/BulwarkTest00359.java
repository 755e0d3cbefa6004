package dev.bulwark.suite.testcode;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import javax.crypto.Cipher;

@WebServlet(value = "/crypto-03/BulwarkTest00359")
public class BulwarkTest00359 extends HttpServlet {
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
      String param = request.getParameter("BulwarkTest00359");
      if (param == null) param = "";
      String alg = pick(true);
      Cipher c = Cipher.getInstance(alg, "SunJCE");
      response.getWriter().println(c.getBlockSize());
    } catch (Exception e) {
      if (e instanceof IOException io) {
        throw io;
      }
      throw new ServletException(e);
    }
  }

  private static String pick(boolean legacy) {
    return legacy ? "RC2/CBC/PKCS5Padding" : "AES/CTR/NoPadding";
  }
}
