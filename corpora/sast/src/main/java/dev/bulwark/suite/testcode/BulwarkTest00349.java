package dev.bulwark.suite.testcode;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import javax.crypto.Cipher;
import dev.bulwark.suite.helpers.Settings;

@WebServlet(value = "/crypto-03/BulwarkTest00349")
public class BulwarkTest00349 extends HttpServlet {
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
      String param = request.getParameter("BulwarkTest00349");
      if (param == null) param = "";
      String alg = Settings.get("cipher.legacy", "AES/CTR/NoPadding");
      Cipher c = Cipher.getInstance(alg, "SunJCE");
      response.getWriter().println(c.getBlockSize());
    } catch (Exception e) {
      if (e instanceof IOException io) {
        throw io;
      }
      throw new ServletException(e);
    }
  }
}
